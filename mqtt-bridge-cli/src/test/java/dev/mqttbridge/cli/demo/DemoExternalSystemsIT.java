package dev.mqttbridge.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.broker.MqttBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker-compose simulator's mode: {@code demo --mqtt URI --kafka BOOTSTRAP --no-connect}
 * against a broker, a Kafka and a Connect worker with the connectors that it did not start.
 */
class DemoExternalSystemsIT {

  @BeforeAll
  static void quietKafka() {
    DemoLogging.quiet(); // the in-test Kafka and worker log as the demo's do
  }

  @Test
  void demo_noConnect_countsItsOwnMessagesBridgedByAnotherWorker(@TempDir Path dir)
      throws Exception {
    try (MqttBroker broker = MqttBroker.builder().host("127.0.0.1").port(0).build().start();
        EmbeddedKafka kafka = EmbeddedKafka.start(Files.createDirectories(dir.resolve("kafka")));
        EmbeddedConnect connect = EmbeddedConnect.start(kafka.bootstrapServers(), "it",
            Files.createDirectories(dir.resolve("connect")))) {
      connect.runConnector(DemoConnectors.SOURCE_NAME, DemoConnectors.source(broker.uri(), 1),
          Duration.ofSeconds(90));

      String log = DemoCommandIT.runDemoSuccessfully("--mqtt", broker.uri(),
          "--kafka", kafka.bootstrapServers(), "--no-connect");

      assertThat(log)
          .doesNotContain("(embedded", "Kafka Connect:")
          .contains(", 0 missing,", "not checked (--no-connect)",
              "OK: every published message reached Kafka.");
    }
  }
}
