package dev.mqttbridge.kafka.connect.sink;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a sink record into the MQTT message to publish: topic from the template, payload from the
 * value, retain flag and MQTT 5 properties from the configuration and the headers. Immutable.
 */
public final class RecordConverter {

  private final TopicTemplate topic;
  private final MqttQos qos;
  private final boolean retain;
  private final TombstoneMode tombstones;
  private final PayloadEncoder payloads = new PayloadEncoder();

  /** A converter with the sink's settings. */
  public RecordConverter(TopicTemplate topic, MqttQos qos, boolean retain, TombstoneMode tombstones) {
    this.topic = topic;
    this.qos = qos;
    this.retain = retain;
    this.tombstones = tombstones;
  }

  /**
   * The message for a record; empty for a tombstone the configuration ignores.
   *
   * @throws TemplateException when the record cannot become a message (for the dead letter queue)
   * @throws ConnectException for a tombstone under {@code mqtt.tombstone=fail}
   */
  public Optional<MqttMessage> convert(SinkRecord record) {
    String target = topic.render(record);
    MqttMessage.Builder message = MqttMessage.builder(target).qos(qos);
    if (record.value() == null) {
      switch (tombstones) {
        case IGNORE:
          return Optional.empty();
        case FAIL:
          throw new ConnectException("Tombstone at " + record.topic() + "-"
              + record.kafkaPartition() + "@" + record.kafkaOffset()
              + " and mqtt.tombstone=fail");
        default:
          // An empty retained message clears the topic's retained message [MQTT-3.3.1-6].
          return Optional.of(message.retain(true).build());
      }
    }
    PayloadEncoder.Payload payload = payloads.encode(record.value());
    message.payload(payload.bytes()).payloadUtf8(payload.utf8());
    message.retain(HeaderProperties.retain(record, retain));
    HeaderProperties.apply(record, message);
    return Optional.of(message.build());
  }
}
