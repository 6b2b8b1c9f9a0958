package dev.mqttbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connector configs users copy ({@code examples/*.json}, Connect REST payloads, also what
 * docker-compose.yml registers) name a real connector class and only keys it or the worker knows,
 * and pass the connector's own validate().
 */
class ExamplesTest {

  private static final Path EXAMPLES = Paths.get("..", "examples");
  private static final Path COMPOSE = Paths.get("..", "docker-compose.yml");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keys the Connect framework defines for every connector, not the connector's ConfigDef. */
  private static final Set<String> FRAMEWORK_KEYS = Set.of("name", "connector.class", "tasks.max",
      "key.converter", "value.converter", "header.converter", "topics", "topics.regex",
      "errors.tolerance", "errors.deadletterqueue.topic.name",
      "errors.deadletterqueue.topic.replication.factor",
      "errors.deadletterqueue.context.headers.enable",
      "errors.log.enable", "errors.log.include.messages", "errors.retry.timeout",
      "errors.retry.delay.max.ms", "transforms", "predicates", "config.action.reload");
  private static final List<String> FRAMEWORK_PREFIXES = List.of("key.converter.",
      "value.converter.", "header.converter.", "transforms.", "predicates.",
      "topic.creation.", "producer.override.", "consumer.override.", "admin.override.");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  private static Map<String, String> config(Path example) throws IOException {
    JsonNode payload = JSON.readTree(example.toFile());
    assertThat(payload.path("name").asText()).as("%s names the connector", example).isNotBlank();
    Map<String, String> config = new LinkedHashMap<>();
    payload.path("config").properties().forEach(e -> {
      assertThat(e.getValue().isTextual()).as("%s: %s is a string, as Connect's REST API wants",
          example, e.getKey()).isTrue();
      config.put(e.getKey(), e.getValue().asText());
    });
    config.put("name", payload.path("name").asText());
    return config;
  }

  private static Connector connector(Map<String, String> config) throws Exception {
    Class<?> type = Class.forName(config.get("connector.class"));
    assertThat(Connector.class).isAssignableFrom(type);
    return (Connector) type.getDeclaredConstructor().newInstance();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void example_namesARealConnectorAndOnlyKnownKeys(Path example) throws Exception {
    Map<String, String> config = config(example);
    Set<String> connectorKeys = connector(config).config().configKeys().keySet();

    assertThat(config.keySet()).allSatisfy(key -> assertThat(connectorKeys.contains(key)
        || FRAMEWORK_KEYS.contains(key) || FRAMEWORK_PREFIXES.stream().anyMatch(key::startsWith))
        .as("%s: key %s is known to the connector or the framework", example, key).isTrue());
  }

  @ParameterizedTest
  @MethodSource("examples")
  void example_passesTheConnectorsValidate(Path example) throws Exception {
    Map<String, String> config = config(example);
    Config validated = connector(config).validate(config);

    assertThat(validated.configValues()).allSatisfy(value -> assertThat(value.errorMessages())
        .as("%s: %s", example, value.name()).isEmpty());
  }

  @Test
  void examples_coverTheSourceAndTheSink() throws Exception {
    List<String> classes = examples().map(e -> {
      try {
        return config(e).get("connector.class");
      } catch (IOException failed) {
        throw new IllegalStateException(failed);
      }
    }).toList();

    assertThat(classes).contains(MqttSourceConnector.class.getName(),
        MqttSinkConnector.class.getName());
  }

  @Test
  void dockerCompose_registersTheExamplesAndMountsTheBuiltPlugin() throws IOException {
    String compose = Files.readString(COMPOSE);

    assertThat(compose).contains("./examples:/examples:ro",
        "./docker/connect/register-connectors.sh:/register-connectors.sh:ro",
        "./kafka-connect-mqtt/target/components/packages:/opt/connect-plugins:ro");
    assertThat(Files.readString(Paths.get("..", "docker", "connect",
        "register-connectors.sh"))).contains("/examples/*.json", "/connectors/$name/config");
    assertThat(Files.readString(Paths.get("..", "docker", "connect",
        "connect-distributed.properties"))).contains("plugin.path=/opt/connect-plugins");
  }
}
