package dev.mqttbridge.camel;

import org.apache.camel.spi.Metadata;

/**
 * The Camel message headers of the {@code mqtt} component. Consumer headers describe the received
 * MQTT message; producer headers override the endpoint's settings for one message.
 */
public final class MqttConstants {

  @Metadata(label = "consumer", description = "The topic name the message was published to.",
      javaType = "String")
  public static final String TOPIC = "CamelMqttTopic";

  @Metadata(description = "The QoS (0, 1 or 2) the message was received with; on the producer,"
      + " the QoS to publish with instead of the endpoint's.", javaType = "Integer")
  public static final String QOS = "CamelMqttQos";

  @Metadata(description = "Whether the message is retained; on the producer, whether to publish"
      + " it retained instead of the endpoint's setting.", javaType = "Boolean")
  public static final String RETAINED = "CamelMqttRetained";

  @Metadata(label = "consumer", description = "The DUP flag: the broker may have sent this message"
      + " before.", javaType = "Boolean")
  public static final String DUPLICATE = "CamelMqttDuplicate";

  @Metadata(description = "MQTT 5 content type.", javaType = "String")
  public static final String CONTENT_TYPE = "CamelMqttContentType";

  @Metadata(description = "MQTT 5 correlation data. The producer uses it for an InOut request"
      + " instead of a generated one.", javaType = "byte[]")
  public static final String CORRELATION_DATA = "CamelMqttCorrelationData";

  @Metadata(description = "MQTT 5 response topic. On the consumer, a message carrying one is"
      + " answered there (unless disableReplyTo); on the producer, sent as is with InOnly.",
      javaType = "String")
  public static final String RESPONSE_TOPIC = "CamelMqttResponseTopic";

  @Metadata(description = "MQTT 5 message expiry interval in seconds.", javaType = "Long")
  public static final String MESSAGE_EXPIRY = "CamelMqttMessageExpiry";

  @Metadata(description = "MQTT 5 payload format indicator: 1 when the payload is UTF-8 text, 0"
      + " when it is bytes.", javaType = "Integer")
  public static final String PAYLOAD_FORMAT = "CamelMqttPayloadFormat";

  @Metadata(description = "MQTT 5 user properties, in order, as a list of"
      + " dev.mqttbridge.mqtt.MqttUserProperty (a name may repeat). The consumer also sets each"
      + " user property as a header of its name; the producer sends this list, plus the headers"
      + " the header filter strategy lets through.",
      javaType = "java.util.List<dev.mqttbridge.mqtt.MqttUserProperty>")
  public static final String USER_PROPERTIES = "CamelMqttUserProperties";

  @Metadata(label = "producer", description = "The topic to publish to instead of the endpoint's"
      + " topic. Distinct from CamelMqttTopic so that an mqtt-to-mqtt route does not publish back"
      + " to the topic it consumes.", javaType = "String")
  public static final String OVERRIDE_TOPIC = "CamelMqttOverrideTopic";

  @Metadata(label = "consumer", description = "With brokerRedelivery: how many times this message"
      + " (by topic and content) failed before this delivery.", javaType = "Integer")
  public static final String REDELIVERY_COUNTER = "CamelMqttRedeliveryCounter";

  private MqttConstants() {
  }
}
