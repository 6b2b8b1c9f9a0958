package dev.mqttbridge.test.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.test.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MosquittoBrokerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @AfterAll
  static void noMosquittoProcessOutlivesTheTests() {
    assertThat(ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .map(process -> process.info().command().orElse(""))
        .filter(command -> command.endsWith("mosquitto")))
        .isEmpty();
  }

  @ParameterizedTest(name = "-V {0}")
  @ValueSource(strings = {"5", "mqttv311"})
  void publishAndSubscribe_roundTripThroughTheBroker(String protocolVersion) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      MosquittoClients clients = MosquittoClients.of(broker);
      assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());

      try (ClientProcess subscriber = clients.startSub("-V", protocolVersion, "-d", "-q", "1", "-t", "it/round", "-C", "1")) {
        subscriber.awaitOutput("received SUBACK", TIMEOUT);

        clients.pub("-V", protocolVersion, "-q", "1", "-t", "it/round", "-m", "hello over " + protocolVersion)
            .requireSuccess();

        ClientResult received = subscriber.awaitExit(TIMEOUT).requireSuccess();
        assertThat(received.stdoutLines()).contains("hello over " + protocolVersion);
      }
    }
  }

  @Test
  void durableBroker_retainedMessageSurvivesStopAndRestartOnTheSamePort() {
    try (MosquittoBroker broker = MosquittoBroker.start(MosquittoConfig.durable())) {
      MosquittoClients clients = MosquittoClients.of(broker);
      int port = broker.port();
      long firstPid = broker.pid();
      clients.pub("-V", "5", "-q", "1", "-r", "-t", "it/retained", "-m", "kept").requireSuccess();

      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      assertThat(broker.dataDirectory().resolve("mosquitto.db")).exists();
      assertThat(Ports.isListening(port)).isFalse();

      broker.restart();
      assertThat(broker.port()).isEqualTo(port);
      assertThat(broker.pid()).isNotEqualTo(firstPid);

      ClientResult received = clients.sub(TIMEOUT, "-V", "5", "-t", "it/retained", "-C", "1", "-W", "20");
      assertThat(received.requireSuccess().stdoutLines()).containsExactly("kept");
    }
  }

  @Test
  void durableBroker_queuedQos1MessagesForAnOfflineSessionSurviveStopAndRestart() {
    try (MosquittoBroker broker = MosquittoBroker.start(MosquittoConfig.durable())) {
      MosquittoClients clients = MosquittoClients.of(broker);
      // -E: subscribe, then leave; the persistent session (-c, fixed id) keeps collecting QoS 1 messages.
      clients.sub(TIMEOUT, "-V", "mqttv311", "-c", "-i", "offline-member", "-q", "1", "-t", "it/queued", "-E")
          .requireSuccess();
      for (int i = 1; i <= 3; i++) {
        clients.pub("-V", "mqttv311", "-q", "1", "-t", "it/queued", "-m", "queued-" + i).requireSuccess();
      }

      broker.stop();
      broker.restart();

      ClientResult received = clients.sub(TIMEOUT,
          "-V", "mqttv311", "-c", "-i", "offline-member", "-q", "1", "-t", "it/queued", "-C", "3", "-W", "20");
      assertThat(received.requireSuccess().stdoutLines()).containsExactly("queued-1", "queued-2", "queued-3");
    }
  }

  @Test
  void killedBroker_restartsOnTheSamePort() {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      MosquittoClients clients = MosquittoClients.of(broker);
      int port = broker.port();

      broker.kill();
      assertThat(broker.isRunning()).isFalse();

      broker.restart();
      assertThat(broker.isRunning()).isTrue();
      assertThat(broker.port()).isEqualTo(port);
      clients.pub("-r", "-t", "it/after-crash", "-m", "alive").requireSuccess();
      assertThat(clients.sub(TIMEOUT, "-t", "it/after-crash", "-C", "1", "-W", "20").requireSuccess().stdoutLines())
          .containsExactly("alive");
    }
  }

  @Test
  void renderedConfig_isWhatTheTestAskedForAndTakesEffect() throws Exception {
    MosquittoConfig config = MosquittoConfig.builder()
        .durable()
        .maxInflightMessages(5)
        .maxPacketSize(1024)
        .allowAnonymous(false)
        .user("alice", "s3cret")
        .acl("user alice", "topic readwrite it/#")
        .extraLines("max_keepalive 120")
        .build();

    try (MosquittoBroker broker = MosquittoBroker.start(config)) {
      List<String> lines = Files.readAllLines(broker.configFile());
      assertThat(lines).contains(
          "listener " + broker.port() + " 127.0.0.1",
          "persistence true",
          "persistence_location " + broker.dataDirectory() + "/",
          "autosave_interval 1",
          "max_queued_messages 0",
          "max_inflight_messages 5",
          "max_packet_size 1024",
          "allow_anonymous false",
          "max_keepalive 120",
          "log_dest file " + broker.logFile(),
          "connection_messages true");
      if ("root".equals(System.getProperty("user.name"))) {
        assertThat(lines).contains("user root");
      }

      MosquittoClients clients = MosquittoClients.of(broker);
      assertThat(clients.pub("-t", "it/auth", "-m", "anonymous").succeeded())
          .as("anonymous access is off").isFalse();
      clients.pub("-u", "alice", "-P", "s3cret", "-t", "it/auth", "-m", "alice").requireSuccess();
      assertThat(clients.pub("-u", "alice", "-P", "wrong", "-t", "it/auth", "-m", "x").succeeded()).isFalse();
      assertThat(broker.logTail(100)).contains("New client connected");
    }
  }

  @Test
  void tlsListener_acceptsClientsThatTrustItsCertificate(@TempDir Path certificates) throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.createIn(certificates);
    MosquittoTlsListener tls = MosquittoTlsListener
        .of(certificate.certificate(), certificate.certificate(), certificate.privateKey())
        .withTlsVersion("tlsv1.2");

    try (MosquittoBroker broker = MosquittoBroker.start(MosquittoConfig.builder().tls(tls).build())) {
      assertThat(broker.tlsPort()).isNotEqualTo(broker.port());
      assertThat(broker.tlsUri()).isEqualTo("ssl://127.0.0.1:" + broker.tlsPort());
      MosquittoClients overTls = MosquittoClients.of(broker.tlsPort());
      String cafile = certificate.certificate().toString();

      overTls.pub("--cafile", cafile, "-r", "-t", "it/tls", "-m", "secret").requireSuccess();

      assertThat(overTls.sub(TIMEOUT, "--cafile", cafile, "-t", "it/tls", "-C", "1", "-W", "20")
          .requireSuccess().stdoutLines()).containsExactly("secret");
      assertThat(MosquittoClients.of(broker).sub(TIMEOUT, "-t", "it/tls", "-C", "1", "-W", "20")
          .requireSuccess().stdoutLines()).as("the plain listener shares the broker").containsExactly("secret");
    }
  }

  @Test
  void brokerThatCannotStart_failsFastWithTheLogTail() {
    MosquittoConfig broken = MosquittoConfig.builder().extraLines("no_such_option 42").build();

    assertThatThrownBy(() -> MosquittoBroker.start(broken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with code")
        // Mosquitto's own words from its output: the tail made it into the message.
        .hasMessageContaining("Unknown configuration variable \"no_such_option\"");
  }

  @Test
  void close_stopsTheBrokerAndDeletesItsDirectory() {
    MosquittoBroker broker = MosquittoBroker.start();
    Path directory = broker.directory();
    Optional<ProcessHandle> process = ProcessHandle.of(broker.pid());

    broker.close();
    broker.close();

    assertThat(process.map(ProcessHandle::isAlive)).hasValue(false);
    assertThat(directory).doesNotExist();
    assertThatThrownBy(broker::restart).isInstanceOf(IllegalStateException.class);
  }
}
