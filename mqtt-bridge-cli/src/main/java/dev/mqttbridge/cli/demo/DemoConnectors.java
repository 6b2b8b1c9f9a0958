package dev.mqttbridge.cli.demo;

import dev.mqttbridge.kafka.connect.MqttSinkConnector;
import dev.mqttbridge.kafka.connect.MqttSourceConnector;
import java.util.HashMap;
import java.util.Map;

/** The demo's connector configurations: the same mapping as examples/*.json. */
final class DemoConnectors {

  static final String SOURCE_NAME = "plant-telemetry-source";
  static final String SINK_NAME = "plant-commands-sink";
  static final String TELEMETRY_FILTER = "plant/{site}/line/{line}/#";
  static final String TELEMETRY_TOPIC = "telemetry.{site}.{line}";
  static final String COMMANDS_TOPIC = "commands";
  static final String COMMANDS_MQTT_TOPIC = "plant/{value.site}/commands/{value.line}";

  private DemoConnectors() {}

  /** MQTT {@code plant/{site}/line/{line}/#} to Kafka {@code telemetry.{site}.{line}}. */
  static Map<String, String> source(String mqttUri, int qos) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", MqttSourceConnector.class.getName());
    props.put("tasks.max", "1");
    props.put("mqtt.server.uris", mqttUri);
    props.put("mqtt.qos", Integer.toString(Math.max(qos, 1)));
    props.put("mqtt.topics", TELEMETRY_FILTER);
    props.put("kafka.topic", TELEMETRY_TOPIC);
    props.put("kafka.key", "{site}/{line}/{#}");
    props.put("errors.topic", "telemetry.errors");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("topic.creation.default.replication.factor", "1");
    props.put("topic.creation.default.partitions", "1");
    return props;
  }

  /** Kafka {@code commands} (JSON with site and line) to {@code plant/{site}/commands/{line}}. */
  static Map<String, String> sink(String mqttUri, int qos) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", MqttSinkConnector.class.getName());
    props.put("tasks.max", "1");
    props.put("topics", COMMANDS_TOPIC);
    props.put("mqtt.server.uris", mqttUri);
    props.put("mqtt.qos", Integer.toString(Math.max(qos, 1)));
    props.put("mqtt.topic", COMMANDS_MQTT_TOPIC);
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "false");
    return props;
  }
}
