package dev.mqttbridge.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the shipped jar's demo as a user would ({@code java -jar target/mqtt-bridge.jar demo}),
 * so the shaded Kafka, Connect and connector classes, and their merged service files, are what
 * is tested.
 */
class DemoCommandIT {

  private static final Path JAR = Paths.get("target", "mqtt-bridge.jar");

  /** The demo's output, after asserting it ended by itself with exit code 0. */
  static String runDemoSuccessfully(String... flags) throws Exception {
    assertThat(JAR).exists();
    Path output = Files.createTempFile("demo-it", ".log");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-jar", JAR.toString(),
        "demo", "--duration", "10", "--sites", "2", "--lines", "2", "--sensors", "2",
        "--rate", "5"));
    command.addAll(List.of(flags));
    Process demo = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    try {
      boolean ended = demo.waitFor(4, TimeUnit.MINUTES);
      String log = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(ended).as("demo ended within 4 minutes; output:%n%s", log).isTrue();
      assertThat(demo.exitValue()).as(log).isZero();
      return log;
    } finally {
      demo.destroyForcibly();
      Files.deleteIfExists(output);
    }
  }

  @Test
  void demo_allEmbedded_everyPublishedMessageReachesKafkaAndCommandsReachThePlant()
      throws Exception {
    String log = runDemoSuccessfully();

    assertThat(log)
        .contains("(embedded)", "(embedded KRaft)", "plant-telemetry-source",
            "plant-commands-sink", "Summary", ", 0 missing,",
            "telemetry.site-1.1", "telemetry.site-2.2",
            "OK: every published message reached Kafka.")
        .containsPattern("obeyed by the plant: [1-9]")
        .doesNotContain("Exception", "ERROR");
  }

  @Test
  void demo_externalMosquitto_bridgesThroughIt() throws Exception {
    try (MosquittoBroker mosquitto = MosquittoBroker.start()) {
      String log = runDemoSuccessfully("--mqtt", mosquitto.uri());

      assertThat(log)
          .contains("MQTT broker:   " + mosquitto.uri() + "\n", "(embedded KRaft)",
              ", 0 missing,", "OK: every published message reached Kafka.")
          .containsPattern("obeyed by the plant: [1-9]");
    }
  }
}
