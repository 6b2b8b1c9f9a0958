package dev.mqttbridge.cli.pub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoClients;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.test.mosquitto.MosquittoTlsListener;
import dev.mqttbridge.test.tls.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pub} and {@code sub} over TLS against Mosquitto's TLS listener ({@code --cafile}, {@code
 * --cert}, {@code --key}, {@code --insecure}, {@code --alpn}, {@code -L mqtts://}); the other side
 * uses Mosquitto's plain listener of the same broker.
 */
class PubSubTlsCommandIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path directory;

  private static TestCertificates certificates;
  private static MosquittoBroker mutual;
  private static MosquittoBroker otherHost;

  @BeforeAll
  static void startBrokers() throws Exception {
    certificates = TestCertificates.generate(directory);
    mutual = MosquittoBroker.start(MosquittoConfig.builder().tls(MosquittoTlsListener.of(
        certificates.caCertificate(), certificates.serverCertificate(), certificates.serverKey())
        .withRequireCertificate(true)).build());
    otherHost = MosquittoBroker.start(MosquittoConfig.builder().tls(MosquittoTlsListener.of(
        certificates.caCertificate(), certificates.otherHostServerCertificate(),
        certificates.otherHostServerKey())).build());
  }

  @AfterAll
  static void stopBrokers() {
    if (mutual != null) {
      mutual.close();
    }
    if (otherHost != null) {
      otherHost.close();
    }
  }



  private static String[] tls(MosquittoBroker broker, String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command, "-h", "localhost", "-p",
        Integer.toString(broker.tlsPort()), "--cafile", certificates.caCertificate().toString()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private static String[] clientCertificate(String... args) {
    List<String> all = new ArrayList<>(List.of("--cert", certificates.clientCertificate().toString(),
        "--key", certificates.clientKeyPkcs1().toString()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  @Test
  void pubMutualTls_certAndPkcs1Key_receivedOnPlainListener() throws Exception {
    CompletableFuture<String> received = new CompletableFuture<>();
    try (MqttClient subscriber = MqttClient.builder().serverUri(mutual.uri()).build()) {
      subscriber.connect().join();
      subscriber.subscribe(MqttSubscription.of("cli/tls/pub", MqttQos.AT_LEAST_ONCE),
          message -> received.complete(message.message().payloadAsString())).join();

      CliRun run = CliRun.of(tls(mutual, "pub", clientCertificate("-t", "cli/tls/pub", "-m", "secured", "-q", "1")));

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(received.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("secured");
    }
  }

  @Test
  void pubMutualTls_encryptedKeyWithPassword_exitZero() {
    CliRun run = CliRun.of(tls(mutual, "pub", "--cert", certificates.clientCertificate().toString(), "--key",
        certificates.clientKeyPkcs8Encrypted().toString(), "--key-password", TestCertificates.PASSWORD,
        "-t", "cli/tls/enc", "-m", "x", "-q", "1"));

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void subMutualTls_getsMessageFromPlainListener() throws Exception {
    CompletableFuture<CliRun> sub = CompletableFuture.supplyAsync(() -> CliRun.of(tls(mutual, "sub",
        clientCertificate("-t", "cli/tls/sub", "-C", "1", "-q", "1", "-W", "25"))));
    String[] pub = {"-t", "cli/tls/sub", "-m", "to the TLS subscriber", "-q", "1"};
    // Publish until the subscriber has it: the sub's SUBACK is not observable from here.
    while (!sub.isDone()) {
      MosquittoClients.of(mutual).pub(pub).requireSuccess();
      Thread.sleep(500);
    }
    CliRun run = sub.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().findFirst()).hasValue("to the TLS subscriber");
  }

  @Test
  void pubWithoutClientCertificate_onMutualListener_exitOneSayingTls() {
    CliRun run = CliRun.of(tls(mutual, "pub", "-t", "cli/tls/refused", "-m", "x"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).singleElement().asString().startsWith("Error: TLS to localhost:");
  }

  @Test
  void pubHostnameMismatch_refusedUnlessInsecure() {
    CliRun refused = CliRun.of(tls(otherHost, "pub", "-t", "cli/tls/host", "-m", "x"));
    CliRun insecure = CliRun.of(tls(otherHost, "pub", "--insecure", "-t", "cli/tls/host", "-m", "x"));

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("does not match the host name");
    assertThat(insecure.exitCode()).as(insecure.err()).isZero();
  }

  @Test
  void pubWithAlpnAndTlsVersion_exitZero() {
    CliRun run = CliRun.of(tls(otherHost, "pub", "--insecure", "--alpn", "mqtt", "--tls-version", "tlsv1.2",
        "-t", "cli/tls/alpn", "-m", "x"));

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void pubMqttsUrl_withCafile_exitZero() {
    CliRun run = CliRun.of("pub", "-L", "mqtts://localhost:" + otherHost.tlsPort() + "/cli/tls/url", "--cafile",
        certificates.caCertificate().toString(), "--insecure", "-m", "x");

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void pubCertWithoutKey_exitOneSayingWhy() {
    CliRun run = CliRun.of(tls(mutual, "pub", "--cert", certificates.clientCertificate().toString(), "-t", "x", "-m",
        "y"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--cert and --key go together");
  }
}
