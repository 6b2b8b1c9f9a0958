package dev.mqttbridge.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import dev.mqttbridge.test.Ports;
import dev.mqttbridge.test.mosquitto.ClientProcess;
import dev.mqttbridge.test.mosquitto.ClientResult;
import dev.mqttbridge.test.mosquitto.MosquittoClients;
import dev.mqttbridge.test.tls.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar mqtt-bridge.jar broker} as a process, driven by mosquitto_pub / _sub. */
class BrokerCommandIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path directory;
  private Process process;
  private Path log;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void broker_logsListeningLine_routesMosquittoClients_stopsCleanlyOnSigterm() throws Exception {
    int port = Ports.freePort();
    start("--port", Integer.toString(port), "--host", "127.0.0.1", "--max-keepalive", "60");
    MosquittoClients clients = MosquittoClients.of(port);

    try (ClientProcess sub = clients.startSub("-V", "5", "-d", "-q", "1", "-t", "cli/#", "-C", "1",
        "-v")) {
      sub.awaitOutput("received SUBACK", TIMEOUT);
      clients.pub("-V", "mqttv311", "-q", "1", "-t", "cli/hello", "-m", "from-pub")
          .requireSuccess();
      assertThat(sub.awaitExit(TIMEOUT).requireSuccess().stdoutLines())
          .contains("cli/hello from-pub");
    }

    process.destroy(); // SIGTERM
    assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    assertThat(Ports.awaitFree(port, TIMEOUT)).isTrue();
    assertThat(Files.readString(log)).contains("Stopping the broker");
  }

  @Test
  void brokerWithUsersAndAcl_refusesWrongPasswordAndUnauthorisedSubscription() throws Exception {
    int port = Ports.freePort();
    Path acl = directory.resolve("acl");
    Files.writeString(acl, "user alice\ntopic readwrite alice/#\n", StandardCharsets.UTF_8);
    start("--port", Integer.toString(port), "--user", "alice:secret", "--acl", acl.toString());
    MosquittoClients clients = MosquittoClients.of(port);

    ClientResult wrongPassword = clients.pub("-V", "5", "-u", "alice", "-P", "nope", "-t",
        "alice/x", "-m", "x");
    ClientResult anonymous = clients.pub("-V", "5", "-t", "alice/x", "-m", "x");
    ClientResult deniedSubscription = clients.sub(TIMEOUT, "-V", "mqttv311", "-u", "alice", "-P",
        "secret", "-t", "bob/#", "-C", "1", "-W", "5");
    ClientResult allowed = clients.pub("-V", "5", "-u", "alice", "-P", "secret", "-q", "1", "-t",
        "alice/x", "-m", "x");

    assertThat(wrongPassword.succeeded()).isFalse();
    assertThat(anonymous.succeeded()).isFalse();
    assertThat(deniedSubscription.stdout() + deniedSubscription.stderr())
        .containsIgnoringCase("denied");
    allowed.requireSuccess();
  }

  @Test
  void brokerWithTlsPortAndRequiredClientCert_mosquittoClientsWithCertificateOnly()
      throws Exception {
    TestCertificates certificates = TestCertificates.generate(directory.resolve("tls"));
    int port = Ports.freePort();
    int tlsPort = Ports.freePort();
    start("--port", Integer.toString(port), "--tls-port", Integer.toString(tlsPort),
        "--cert", certificates.serverCertificate().toString(),
        "--key", certificates.serverKey().toString(),
        "--cafile", certificates.caCertificate().toString(), "--require-client-cert");
    assertThat(Files.readString(log)).contains("listening on ssl://127.0.0.1:" + tlsPort);
    MosquittoClients tls = MosquittoClients.of("localhost", tlsPort);
    String ca = certificates.caCertificate().toString();

    tls.pub("--cafile", ca, "--cert", certificates.clientCertificate().toString(),
        "--key", certificates.clientKeyPkcs8().toString(), "-t", "cli/tls", "-m", "x")
        .requireSuccess();
    assertThat(tls.pub("--cafile", ca, "-t", "cli/tls", "-m", "x").succeeded()).isFalse();
    MosquittoClients.of(port).pub("-t", "cli/plain", "-m", "x").requireSuccess();
  }

  @Test
  void brokerWithWsAndWssPorts_ownClientOverEach_reachesMosquittoSubscriberOnTcp()
      throws Exception {
    TestCertificates certificates = TestCertificates.generate(directory.resolve("tls"));
    int port = Ports.freePort();
    int wsPort = Ports.freePort();
    int wssPort = Ports.freePort();
    start("--port", Integer.toString(port), "--ws-port", Integer.toString(wsPort),
        "--wss-port", Integer.toString(wssPort),
        "--cert", certificates.serverCertificate().toString(),
        "--key", certificates.serverKey().toString());
    awaitLog("listening on ws://127.0.0.1:" + wsPort + "/mqtt"); // logged last
    assertThat(Files.readString(log)).contains("listening on wss://127.0.0.1:" + wssPort + "/mqtt");

    try (ClientProcess sub = MosquittoClients.of(port).startSub("-d", "-q", "1", "-t", "cli/ws/#",
        "-C", "2", "-v")) {
      sub.awaitOutput("received SUBACK", TIMEOUT);
      publishOnce("ws://127.0.0.1:" + wsPort + "/mqtt", "cli/ws/plain", certificates);
      publishOnce("wss://localhost:" + wssPort + "/mqtt", "cli/ws/secure", certificates);
      assertThat(sub.awaitExit(TIMEOUT).requireSuccess().stdoutLines())
          .contains("cli/ws/plain x", "cli/ws/secure x");
    }
  }

  private static void publishOnce(String uri, String topic, TestCertificates certificates) {
    try (MqttClient client = MqttClient.builder().serverUri(uri).clientId("cli-" + topic.hashCode())
        .tls(MqttTlsConfig.builder().trustedCertificates(certificates.caCertificate()).build())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
      client.connect().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
      client.publish(MqttMessage.builder(topic).qos(1).payload("x").build())
          .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
      client.disconnect().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }
  }

  private void awaitLog(String line) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.readString(log).contains(line)) {
      assertThat(process.isAlive()).as("broker running; log: %s", Files.readString(log)).isTrue();
      assertThat(System.nanoTime()).as("'%s' within %s", line, TIMEOUT).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private void start(String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target", "mqtt-bridge.jar").toAbsolutePath();
    assertThat(jar).as("the shaded jar, built in the package phase").exists();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "broker"));
    command.addAll(List.of(args));
    log = directory.resolve("broker.log");
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    awaitLog("listening on tcp://127.0.0.1:");
  }
}
