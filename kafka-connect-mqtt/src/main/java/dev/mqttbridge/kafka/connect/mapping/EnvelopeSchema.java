package dev.mqttbridge.kafka.connect.mapping;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttUserProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The {@code envelope} value format: the whole MQTT message as a Struct with a fixed schema, for
 * pipelines that need a schema (Parquet, Iceberg). Field names are snake_case for those sinks.
 */
public final class EnvelopeSchema {

  /** One user property; a list of them keeps order and repeated names. */
  public static final Schema USER_PROPERTY = SchemaBuilder.struct()
      .name("dev.mqttbridge.kafka.connect.MqttUserProperty")
      .field("name", Schema.STRING_SCHEMA)
      .field("value", Schema.STRING_SCHEMA)
      .build();

  /** The MQTT 5 publish properties; each optional field is null when absent. */
  public static final Schema PROPERTIES = SchemaBuilder.struct()
      .name("dev.mqttbridge.kafka.connect.MqttProperties")
      .field("content_type", Schema.OPTIONAL_STRING_SCHEMA)
      .field("payload_utf8", Schema.BOOLEAN_SCHEMA)
      .field("response_topic", Schema.OPTIONAL_STRING_SCHEMA)
      .field("correlation_data", Schema.OPTIONAL_BYTES_SCHEMA)
      .field("message_expiry_seconds", Schema.OPTIONAL_INT64_SCHEMA)
      .field("user_properties", SchemaBuilder.array(USER_PROPERTY).build())
      .build();

  /** The envelope. */
  public static final Schema ENVELOPE = SchemaBuilder.struct()
      .name("dev.mqttbridge.kafka.connect.MqttEnvelope")
      .version(1)
      .field("topic", Schema.STRING_SCHEMA)
      .field("payload", Schema.BYTES_SCHEMA)
      .field("qos", Schema.INT8_SCHEMA)
      .field("retained", Schema.BOOLEAN_SCHEMA)
      .field("duplicate", Schema.BOOLEAN_SCHEMA)
      .field("properties", PROPERTIES)
      .field("received", Timestamp.SCHEMA)
      .build();

  private EnvelopeSchema() {}

  /** The envelope of a received message. */
  public static Struct envelope(MqttMessage message, boolean duplicate, Instant received) {
    List<Struct> userProperties = new ArrayList<>(message.userProperties().size());
    for (MqttUserProperty property : message.userProperties()) {
      userProperties.add(new Struct(USER_PROPERTY)
          .put("name", property.name())
          .put("value", property.value()));
    }
    Struct properties = new Struct(PROPERTIES)
        .put("content_type", message.contentType())
        .put("payload_utf8", message.isPayloadUtf8())
        .put("response_topic", message.responseTopic())
        .put("correlation_data", message.correlationData())
        .put("message_expiry_seconds",
            message.messageExpiryInterval().isPresent()
                ? message.messageExpiryInterval().getAsLong() : null)
        .put("user_properties", userProperties);
    return new Struct(ENVELOPE)
        .put("topic", message.topic())
        .put("payload", message.payload())
        .put("qos", (byte) message.qos().code())
        .put("retained", message.isRetain())
        .put("duplicate", duplicate)
        .put("properties", properties)
        .put("received", Date.from(received));
  }
}
