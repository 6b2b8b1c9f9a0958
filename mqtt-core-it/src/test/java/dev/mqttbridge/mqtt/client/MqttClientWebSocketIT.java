package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.ListenerTls;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.mqtt.broker.MqttListener;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import dev.mqttbridge.test.Ports;
import dev.mqttbridge.test.tls.TestCertificates;
import io.moquette.broker.Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ws://} and {@code wss://} against Moquette 0.17's WebSocket listeners (path {@code /mqtt}),
 * embedded, and against our own broker's (MQTT 5, packets far larger than a TLS record); the secure
 * ones serve a server certificate generated at test time. Before subscribing,
 * each test waits until Moquette itself has the connection open ({@link MoquetteConnectedSignal}
 * explains Moquette's race that otherwise closes a connection now and then on its first SUBSCRIBE).
 */
class MqttClientWebSocketIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path data;

  private static final MoquetteConnectedSignal MOQUETTE_CONNECTED = new MoquetteConnectedSignal();

  private static Server moquette;
  private static MqttBroker ownBroker;
  private static int webSocketPort;
  private static int secureWebSocketPort;
  private static TestCertificates certificates;

  @BeforeAll
  static void startMoquette() throws Exception {
    certificates = TestCertificates.generate(data.resolve("tls"));
    webSocketPort = Ports.freePort();
    secureWebSocketPort = Ports.freePort();
    Properties config = new Properties();
    config.setProperty("host", Ports.LOOPBACK);
    config.setProperty("port", Integer.toString(Ports.freePort()));
    config.setProperty("websocket_port", Integer.toString(webSocketPort));
    config.setProperty("allow_anonymous", "true");
    config.setProperty("persistence_enabled", "false");
    config.setProperty("data_path", data.toString());
    config.setProperty("telemetry_enabled", "false");
    config.setProperty("secure_websocket_port", Integer.toString(secureWebSocketPort));
    config.setProperty("jks_path", certificates.serverKeyStoreJks().toString());
    config.setProperty("key_store_password", TestCertificates.PASSWORD);
    config.setProperty("key_manager_password", TestCertificates.PASSWORD);
    moquette = new Server();
    moquette.startServer(config);
    moquette.addInterceptHandler(MOQUETTE_CONNECTED);
    ownBroker = MqttBroker.builder()
        .listener(MqttListener.webSocket("127.0.0.1", 0))
        .listener(MqttListener.secureWebSocket("127.0.0.1", 0,
            ListenerTls.pem(certificates.serverCertificate(), certificates.serverKey())))
        .build().start();
  }

  @AfterAll
  static void stopBrokers() {
    if (moquette != null) {
      moquette.stopServer();
    }
    if (ownBroker != null) {
      ownBroker.close();
    }
  }

  private static MqttClient client(String uri, String clientId) {
    // Moquette 0.17 speaks MQTT 3.1.1 and wants a client id.
    return MqttClient.builder().serverUri(uri).version(MqttVersion.V3_1_1).clientId(clientId).connectTimeout(WAIT)
        .tls(MqttTlsConfig.builder().trustedCertificates(certificates.caCertificate()).build())
        .webSocketHeaders(Map.of("X-Plant", "north"))
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
  }

  /** Connects, then waits for Moquette's side too (see the class comment). */
  private static void connect(MqttClient client) {
    CompletableFuture<Void> open = MOQUETTE_CONNECTED.expect(client.clientId());
    client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    open.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  @Test
  void publishSubscribe_overWebSocket_roundTripsEachQos() {
    MessageCollector received = new MessageCollector();
    try (MqttClient client = client("ws://127.0.0.1:" + webSocketPort + "/mqtt", "ws-echo")) {
      connect(client);
      client.subscribe(MqttSubscription.of("ws/echo", MqttQos.EXACTLY_ONCE), received).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
      for (int qos = 0; qos <= 2; qos++) {
        client.publish(MqttMessage.builder("ws/echo").qos(qos).payload("qos " + qos).build()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        assertThat(received.next().message().payloadAsString()).isEqualTo("qos " + qos);
      }
      client.disconnect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }
  }

  @Test
  void publishSubscribe_overSecureWebSocket_roundTrips() {
    MessageCollector received = new MessageCollector();
    try (MqttClient client = client("wss://localhost:" + secureWebSocketPort + "/mqtt", "wss-echo")) {
      connect(client);
      client.subscribe(MqttSubscription.of("wss/echo", MqttQos.AT_LEAST_ONCE), received).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
      client.publish(MqttMessage.builder("wss/echo").qos(1).payload("secure").build()).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
      assertThat(received.next().message().payloadAsString()).isEqualTo("secure");
      client.disconnect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }
  }

  @Test
  void connect_withoutPath_usesSlashMqtt() {
    try (MqttClient client = client("ws://127.0.0.1:" + webSocketPort, "ws-no-path")) {
      assertThat(client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join().sessionPresent())
          .isFalse();
    }
  }

  @Test
  void connect_pathTheServerDoesNotServe_fails() {
    try (MqttClient client = client("ws://127.0.0.1:" + webSocketPort + "/not-mqtt", "ws-wrong-path")) {
      Throwable error = org.assertj.core.api.Assertions.catchThrowable(
          () -> client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
      assertThat(error).isInstanceOf(CompletionException.class);
      assertThat(client.isConnected()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0} QoS {1}")
  @CsvSource({"ws, 1", "wss, 1", "wss, 2"})
  void largePublish_toOwnBroker_roundTripsIntactInBothDirections(String scheme, int qos) {
    // 100 KiB: several TCP reads and TLS records (16 KiB at most) each way.
    byte[] payload = new byte[100 * 1024];
    new Random(qos).nextBytes(payload);
    String uri = ownBroker.uri(scheme.equals("ws") ? 0 : 1).replace("127.0.0.1", "localhost");
    String topic = "own/large/" + scheme + "/" + qos;
    MessageCollector received = new MessageCollector();
    try (MqttClient client = MqttClient.builder().serverUri(uri).version(MqttVersion.V5).connectTimeout(WAIT)
        .tls(MqttTlsConfig.builder().trustedCertificates(certificates.caCertificate()).build())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
      client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
      client.subscribe(MqttSubscription.of(topic, MqttQos.EXACTLY_ONCE), received)
          .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
      client.publish(MqttMessage.builder(topic).qos(qos).payload(payload).build())
          .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();

      MqttReceivedMessage message = received.next();
      assertThat(message.message().payload()).isEqualTo(payload);
      assertThat(message.message().qos().code()).isEqualTo(qos);
      client.disconnect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }
  }
}
