package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A password never appears in the client's logs, at any level: {@link ClientPasswordLoggingProbe}
 * runs in a JVM of its own with SLF4J (slf4j-simple) at TRACE for every logger, against Mosquitto
 * with a password file, and everything it logs is searched for the password as text, hex and
 * Base64. The search is shown to work on the same output: the user name, logged in CONNECT at
 * DEBUG, is found.
 */
class MqttClientPasswordLoggingIT {

  private static final String USER = "probe-user-4711";
  private static final String PASSWORD = "Pr0be-S3cret-9c1e";

  @Test
  void everyLogLevelAndEveryVersion_passwordNeverLogged() throws IOException, InterruptedException {
    try (MosquittoBroker broker = MosquittoBroker.start(
        MosquittoConfig.builder().user(USER, PASSWORD).build())) {
      String output = runProbe(broker.uri());

      assertThat(output).contains("PROBE DONE");
      assertThat(output).as("TRACE was on").contains("TRACE dev.mqttbridge.mqtt.internal.client");
      assertThat(output).as("the search finds what is logged").contains(USER);
      for (String form : forms(PASSWORD)) {
        assertThat(output).as("password as %s", form).doesNotContainIgnoringCase(form);
      }
    }
  }

  private static List<String> forms(String password) {
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    List<String> forms = new ArrayList<>();
    forms.add(password);
    forms.add(HexFormat.of().formatHex(bytes));
    forms.add(HexFormat.ofDelimiter(" ").formatHex(bytes));
    forms.add(Base64.getEncoder().encodeToString(bytes));
    return forms;
  }

  private static String runProbe(String uri) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
        ClientPasswordLoggingProbe.class.getName(), uri, USER, PASSWORD)
        .redirectErrorStream(true);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
    String output = new String(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
