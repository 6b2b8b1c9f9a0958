package dev.mqttbridge.kafka.connect.sink;

import dev.mqttbridge.kafka.connect.mapping.ByteBuffers;
import dev.mqttbridge.kafka.connect.mapping.MqttHeaders;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttUserProperty;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Applies the record headers the source connector writes ({@code mqtt.content.type}, {@code
 * mqtt.correlation.data}, {@code mqtt.response.topic}, {@code mqtt.message.expiry}, {@code
 * mqtt.payload.format}, {@code mqtt.user.NAME}) as MQTT 5 properties, and {@code mqtt.retained} as
 * the retain flag. With MQTT 3.1.1 the client leaves the properties out.
 */
final class HeaderProperties {

  private HeaderProperties() {}

  /** The retain flag: the last {@code mqtt.retained} header, else the configured default. */
  static boolean retain(SinkRecord record, boolean configured) {
    Object value = RecordFields.header(record, MqttHeaders.RETAINED);
    if (value == null) {
      return configured;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    String text = RecordFields.text(value, "header " + MqttHeaders.RETAINED).trim();
    if (text.equalsIgnoreCase("true") || text.equals("1")) {
      return true;
    }
    if (text.equalsIgnoreCase("false") || text.equals("0")) {
      return false;
    }
    throw new TemplateException("Header " + MqttHeaders.RETAINED + " is not a boolean: " + text);
  }

  /**
   * Sets the MQTT 5 properties the headers carry.
   *
   * @throws TemplateException for a header whose value does not fit its property
   */
  static void apply(SinkRecord record, MqttMessage.Builder message) {
    List<MqttUserProperty> user = new ArrayList<>();
    for (Header header : record.headers()) {
      String name = header.key();
      Object value = header.value();
      if (value == null || !name.startsWith("mqtt.")) {
        continue;
      }
      try {
        switch (name) {
          case MqttHeaders.CONTENT_TYPE -> message.contentType(RecordFields.text(value, name));
          case MqttHeaders.RESPONSE_TOPIC -> message.responseTopic(RecordFields.text(value, name));
          case MqttHeaders.CORRELATION_DATA -> message.correlationData(bytes(value, name));
          case MqttHeaders.MESSAGE_EXPIRY -> message.messageExpiryInterval(number(value, name));
          case MqttHeaders.PAYLOAD_FORMAT -> message.payloadUtf8(number(value, name) == 1);
          default -> {
            if (name.startsWith(MqttHeaders.USER_PREFIX)
                && name.length() > MqttHeaders.USER_PREFIX.length()) {
              user.add(MqttUserProperty.of(name.substring(MqttHeaders.USER_PREFIX.length()),
                  RecordFields.text(value, name)));
            }
          }
        }
      } catch (IllegalArgumentException e) {
        throw new TemplateException("Header " + name + ": " + e.getMessage(), e);
      }
    }
    if (!user.isEmpty()) {
      message.userProperties(user);
    }
  }

  private static byte[] bytes(Object value, String name) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      return ByteBuffers.copyOf(buffer);
    }
    return RecordFields.text(value, name).getBytes(StandardCharsets.UTF_8);
  }

  private static long number(Object value, String name) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(RecordFields.text(value, name).trim());
    } catch (NumberFormatException e) {
      throw new TemplateException("Header " + name + " is not a number: " + value, e);
    }
  }
}
