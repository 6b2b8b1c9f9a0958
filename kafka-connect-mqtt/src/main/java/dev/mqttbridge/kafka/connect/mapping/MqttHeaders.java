package dev.mqttbridge.kafka.connect.mapping;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttUserProperty;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;

/**
 * The Kafka record headers describing an MQTT message. Every name starts with {@code mqtt.}; user
 * properties become {@code mqtt.user.NAME}, so a publisher cannot spoof the connector's own
 * headers. MQTT 5 properties appear only when present.
 */
public final class MqttHeaders {

  public static final String TOPIC = "mqtt.topic";
  public static final String QOS = "mqtt.qos";
  public static final String RETAINED = "mqtt.retained";
  public static final String DUPLICATE = "mqtt.duplicate";
  public static final String CONTENT_TYPE = "mqtt.content.type";
  /** Present with value 1 when the publisher declared the payload UTF-8 text. */
  public static final String PAYLOAD_FORMAT = "mqtt.payload.format";
  public static final String CORRELATION_DATA = "mqtt.correlation.data";
  public static final String RESPONSE_TOPIC = "mqtt.response.topic";
  /** The remaining message expiry interval in seconds, as the broker forwarded it. */
  public static final String MESSAGE_EXPIRY = "mqtt.message.expiry";
  public static final String USER_PREFIX = "mqtt.user.";

  /** Error records: the refusal code, e.g. {@code payload.too.large}. */
  public static final String ERROR_REASON = "mqtt.error.reason";
  /** Error records: a sentence for humans. */
  public static final String ERROR_MESSAGE = "mqtt.error.message";
  /** Error records: the payload size in bytes (the payload itself may be left out). */
  public static final String PAYLOAD_SIZE = "mqtt.payload.size";

  private MqttHeaders() {}

  /** The headers of a message as received (with its DUP flag). */
  public static Headers of(MqttMessage message, boolean duplicate) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(TOPIC, message.topic());
    headers.addByte(QOS, (byte) message.qos().code());
    headers.addBoolean(RETAINED, message.isRetain());
    headers.addBoolean(DUPLICATE, duplicate);
    if (message.contentType() != null) {
      headers.addString(CONTENT_TYPE, message.contentType());
    }
    if (message.isPayloadUtf8()) {
      headers.addByte(PAYLOAD_FORMAT, (byte) 1);
    }
    if (message.correlationData() != null) {
      headers.addBytes(CORRELATION_DATA, message.correlationData());
    }
    if (message.responseTopic() != null) {
      headers.addString(RESPONSE_TOPIC, message.responseTopic());
    }
    message.messageExpiryInterval().ifPresent(seconds -> headers.addLong(MESSAGE_EXPIRY, seconds));
    for (MqttUserProperty property : message.userProperties()) {
      headers.add(USER_PREFIX + property.name(), property.value(), Schema.STRING_SCHEMA);
    }
    return headers;
  }
}
