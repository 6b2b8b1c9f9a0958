package dev.mqttbridge.camel;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.TypeConverter;
import org.apache.camel.spi.HeaderFilterStrategy;

/** Maps MQTT messages to Camel messages and back. Stateless apart from its settings. */
final class MqttMessageBinding {

  private final HeaderFilterStrategy headerFilterStrategy;

  MqttMessageBinding(HeaderFilterStrategy headerFilterStrategy) {
    this.headerFilterStrategy = headerFilterStrategy;
  }

  /**
   * Fills a Camel message from a received MQTT message: body (bytes), the CamelMqtt* headers, each
   * user property as a header of its name, and the topic template's captures.
   */
  void toCamel(MqttReceivedMessage received, Map<String, String> captures, Message in,
      Exchange exchange) {
    MqttMessage message = received.message();
    in.setBody(message.payload());
    in.setHeader(MqttConstants.TOPIC, message.topic());
    in.setHeader(MqttConstants.QOS, message.qos().code());
    in.setHeader(MqttConstants.RETAINED, message.isRetain());
    in.setHeader(MqttConstants.DUPLICATE, received.isDuplicate());
    in.setHeader(MqttConstants.PAYLOAD_FORMAT, message.isPayloadUtf8() ? 1 : 0);
    setIfNotNull(in, MqttConstants.CONTENT_TYPE, message.contentType());
    setIfNotNull(in, MqttConstants.RESPONSE_TOPIC, message.responseTopic());
    setIfNotNull(in, MqttConstants.CORRELATION_DATA, message.correlationData());
    message.messageExpiryInterval().ifPresent(
        seconds -> in.setHeader(MqttConstants.MESSAGE_EXPIRY, seconds));
    if (!message.userProperties().isEmpty()) {
      in.setHeader(MqttConstants.USER_PROPERTIES, message.userProperties());
      for (MqttUserProperty property : message.userProperties()) {
        if (!headerFilterStrategy.applyFilterToExternalHeaders(
            property.name(), property.value(), exchange)) {
          addHeaderValue(in, property.name(), property.value());
        }
      }
    }
    captures.forEach(in::setHeader);
  }

  /**
   * The MQTT message for a Camel message: body as bytes, QoS / retain / MQTT 5 properties from the
   * headers, falling back to the endpoint's settings.
   */
  MqttMessage toMqtt(Exchange exchange, String topic, MqttConfiguration configuration)
      throws NoTypeConversionAvailableException {
    Message in = exchange.getMessage();
    MqttMessage.Builder builder = MqttMessage.builder(topic)
        .qos(in.getHeader(MqttConstants.QOS, configuration.getQos(), Integer.class))
        .retain(in.getHeader(MqttConstants.RETAINED, configuration.isRetained(), Boolean.class));
    Object body = in.getBody();
    if (body instanceof String text) {
      builder.payload(text);
    } else if (body instanceof byte[] bytes) {
      builder.payload(bytes);
    } else if (body != null) {
      TypeConverter converter = exchange.getContext().getTypeConverter();
      byte[] bytes = converter.tryConvertTo(byte[].class, exchange, body);
      if (bytes != null) {
        builder.payload(bytes);
      } else {
        // Numbers and other values Camel only renders as text.
        builder.payload(converter.mandatoryConvertTo(String.class, exchange, body));
      }
    }
    Integer format = in.getHeader(MqttConstants.PAYLOAD_FORMAT, Integer.class);
    if (format != null) {
      builder.payloadUtf8(format == 1);
    }
    builder.contentType(in.getHeader(MqttConstants.CONTENT_TYPE, String.class));
    builder.responseTopic(in.getHeader(MqttConstants.RESPONSE_TOPIC, String.class));
    builder.correlationData(in.getHeader(MqttConstants.CORRELATION_DATA, byte[].class));
    Long expiry = in.getHeader(MqttConstants.MESSAGE_EXPIRY, Long.class);
    if (expiry != null) {
      builder.messageExpiryInterval(expiry);
    }
    builder.userProperties(userProperties(exchange, in));
    return builder.build();
  }

  private List<MqttUserProperty> userProperties(Exchange exchange, Message in) {
    List<MqttUserProperty> properties = new ArrayList<>();
    Object explicit = in.getHeader(MqttConstants.USER_PROPERTIES);
    List<String> explicitNames = new ArrayList<>();
    if (explicit instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof MqttUserProperty property) {
          properties.add(property);
          explicitNames.add(property.name());
        }
      }
    }
    for (Map.Entry<String, Object> header : in.getHeaders().entrySet()) {
      String name = header.getKey();
      Object value = header.getValue();
      // The consumer sets user properties both in the list and as headers: send them once.
      if (explicitNames.contains(name) || value == null
          || headerFilterStrategy.applyFilterToCamelHeaders(name, value, exchange)) {
        continue;
      }
      if (value instanceof List<?> values) {
        values.forEach(v -> addSimple(properties, name, v));
      } else {
        addSimple(properties, name, value);
      }
    }
    return properties;
  }

  private static void addSimple(List<MqttUserProperty> properties, String name, Object value) {
    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
        || value instanceof Character || value instanceof Enum<?>) {
      properties.add(new MqttUserProperty(name, value.toString()));
    }
  }

  @SuppressWarnings("unchecked")
  private static void addHeaderValue(Message in, String name, String value) {
    Object existing = in.getHeader(name);
    if (existing == null) {
      in.setHeader(name, value);
    } else if (existing instanceof List<?> list) {
      ((List<Object>) list).add(value);
    } else {
      List<Object> values = new ArrayList<>(2);
      values.add(existing);
      values.add(value);
      in.setHeader(name, values);
    }
  }

  private static void setIfNotNull(Message in, String name, Object value) {
    if (value != null) {
      in.setHeader(name, value);
    }
  }
}
