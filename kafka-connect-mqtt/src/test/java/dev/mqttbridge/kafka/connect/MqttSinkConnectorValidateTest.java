package dev.mqttbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class MqttSinkConnectorValidateTest {

  private static Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "sink");
    props.put("topics", "commands");
    props.put("mqtt.server.uris", "tcp://localhost:1883");
    props.put("mqtt.topic", "plant/{header.site}/commands/{key}");
    return props;
  }

  private static List<String> errors(Config config, String key) {
    return config.configValues().stream().filter(v -> v.name().equals(key))
        .flatMap(v -> v.errorMessages().stream()).toList();
  }

  @Test
  void validate_acceptsAMinimalConfig() {
    Config config = new MqttSinkConnector().validate(props());

    assertThat(config.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
  }

  @Test
  void validate_unknownTemplateVariable_isAnErrorOnMqttTopic() {
    Map<String, String> props = props();
    props.put("mqtt.topic", "plant/{site}");

    assertThat(errors(new MqttSinkConnector().validate(props), "mqtt.topic"))
        .singleElement().asString().contains("{site}");
  }

  @Test
  void validate_refusesUnknownTombstoneModeAndQos3() {
    Map<String, String> props = props();
    props.put("mqtt.tombstone", "delete");
    props.put("mqtt.qos", "3");
    Config config = new MqttSinkConnector().validate(props);

    assertThat(errors(config, "mqtt.tombstone")).isNotEmpty();
    assertThat(errors(config, "mqtt.qos")).isNotEmpty();
  }

  @Test
  void validate_tlsServer_isAccepted_aMissingTrustStoreIsReportedOnItsKey() {
    Map<String, String> props = props();
    props.put("mqtt.server.uris", "ssl://localhost:8883");
    assertThat(new MqttSinkConnector().validate(props).configValues())
        .allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());

    props.put("mqtt.ssl.truststore.location", "/nowhere/trust.p12");
    assertThat(errors(new MqttSinkConnector().validate(props), "mqtt.ssl.truststore.location"))
        .singleElement().asString().contains("No such file");
  }

  @Test
  void taskConfigs_giveEachTaskItsIndex() {
    MqttSinkConnector connector = new MqttSinkConnector();
    connector.start(props());

    assertThat(connector.taskConfigs(3)).extracting(c -> c.get("mqtt.task.index"))
        .containsExactly("0", "1", "2");
    assertThat(connector.config().configKeys()).containsKeys("mqtt.topic", "mqtt.qos",
        "mqtt.retain", "mqtt.tombstone", "mqtt.client.id", "mqtt.ssl.truststore.location");
    assertThat(new MqttSinkConnector().validate(props()).configValues())
        .extracting(ConfigValue::name).contains("mqtt.topic");
  }
}
