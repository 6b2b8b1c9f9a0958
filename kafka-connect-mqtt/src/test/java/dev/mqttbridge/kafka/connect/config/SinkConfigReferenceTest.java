package dev.mqttbridge.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed reference {@code docs/sink-config.md} must be what the ConfigDef renders. After
 * changing a key, regenerate it with {@code mvn -pl kafka-connect-mqtt test
 * -Dtest=SinkConfigReferenceTest -Dconfig.reference.update=true}.
 */
class SinkConfigReferenceTest {

  private static final Path COMMITTED = Path.of("docs", "sink-config.md");
  private static final String HEADER = "# MQTT sink connector configuration\n\n"
      + "Generated from `MqttSinkConnectorConfig.CONFIG_DEF` by `SinkConfigReferenceTest`; do not"
      + " edit. Connect itself adds `topics`, `topics.regex` and the `errors.*` keys (set"
      + " `errors.tolerance=all` and `errors.deadletterqueue.topic.name` for a dead letter queue).\n\n";

  @Test
  void committedSinkReference_isCurrent() throws Exception {
    String rendered = HEADER + ConfigReference.markdown(MqttSinkConnectorConfig.CONFIG_DEF);
    if (Boolean.getBoolean("config.reference.update")) {
      Files.writeString(COMMITTED, rendered, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as("kafka-connect-mqtt/docs/sink-config.md is stale: regenerate it with mvn -pl kafka-connect-mqtt"
            + " -am test -Dtest=SinkConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dconfig.reference.update=true, then commit it")
        .isEqualTo(rendered);
  }

  @Test
  void reference_listsPublishKeysWithTheirDefaultsAndHidesTheTaskIndex() {
    String rendered = ConfigReference.markdown(MqttSinkConnectorConfig.CONFIG_DEF);

    assertThat(rendered)
        .contains("### MQTT connection")
        .contains("### MQTT publish")
        .contains("| `mqtt.topic` | string | (required) |")
        .contains("| `mqtt.qos` | int | `1` |")
        .contains("| `mqtt.retain` | boolean | `false` |")
        .contains("| `mqtt.tombstone` | string | `clear-retained` |")
        .doesNotContain(MqttSinkConnectorConfig.TASK_INDEX_CONFIG);
  }
}
