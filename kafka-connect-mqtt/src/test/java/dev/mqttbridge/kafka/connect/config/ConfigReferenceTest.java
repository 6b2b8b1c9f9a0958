package dev.mqttbridge.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed reference {@code docs/source-config.md} must be what the ConfigDef renders. After
 * changing a key, regenerate it with {@code mvn -pl kafka-connect-mqtt test
 * -Dtest=ConfigReferenceTest -Dconfig.reference.update=true}.
 */
class ConfigReferenceTest {

  private static final Path COMMITTED = Path.of("docs", "source-config.md");
  private static final String HEADER = "# MQTT source connector configuration\n\n"
      + "Generated from `MqttSourceConnectorConfig.CONFIG_DEF` by `ConfigReferenceTest`; do not edit.\n\n";

  @Test
  void committedSourceReference_isCurrent() throws Exception {
    String rendered = HEADER + ConfigReference.markdown(MqttSourceConnectorConfig.CONFIG_DEF);
    if (Boolean.getBoolean("config.reference.update")) {
      Files.writeString(COMMITTED, rendered, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as("kafka-connect-mqtt/docs/source-config.md is stale: regenerate it with mvn -pl kafka-connect-mqtt"
            + " -am test -Dtest=ConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dconfig.reference.update=true, then commit it")
        .isEqualTo(rendered);
  }

  @Test
  void reference_listsRequiredKeysAndHidesNothingButSecrets() {
    String rendered = ConfigReference.markdown(MqttSourceConnectorConfig.CONFIG_DEF);

    assertThat(rendered)
        .contains("### MQTT connection")
        .contains("| `mqtt.server.uris` | list | (required) |")
        .contains("| `errors.topic` | string | (required) |")
        .contains("| `mqtt.password` | password | \"\" |")
        .contains("| `kafka.key` | string | `{mqtt.topic}` |");
  }
}
