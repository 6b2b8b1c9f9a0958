package dev.mqttbridge.kafka.connect.it;

import dev.mqttbridge.kafka.connect.MqttSourceConnector;
import java.util.HashMap;
import java.util.Map;

/** The source connector settings the single-purpose source ITs start from. */
final class SourceConnectorProps {

  private SourceConnectorProps() {}

  /**
   * One task bridging {@code filter} to {@code kafkaTopic}; the rest as {@link #base}.
   *
   * @return a mutable map, for the test's own keys
   */
  static Map<String, String> of(String id, String serverUri, String filter, String kafkaTopic) {
    Map<String, String> props = base(id, serverUri);
    props.put("mqtt.topics", filter);
    props.put("kafka.topic", kafkaTopic);
    return props;
  }

  /**
   * One task, no mapping yet: string keys, byte values, errors to {@code ID.errors}, topics
   * created with one partition and one replica.
   *
   * @return a mutable map, for the test's own keys
   */
  static Map<String, String> base(String id, String serverUri) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", MqttSourceConnector.class.getName());
    props.put("tasks.max", "1");
    props.put("mqtt.server.uris", serverUri);
    props.put("errors.topic", id + ".errors");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("topic.creation.default.replication.factor", "1");
    props.put("topic.creation.default.partitions", "1");
    return props;
  }
}
