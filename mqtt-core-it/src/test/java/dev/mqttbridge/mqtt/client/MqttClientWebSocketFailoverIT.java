package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.broker.ListenerTls;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.mqtt.broker.MqttListener;
import dev.mqttbridge.mqtt.internal.tls.KeyMaterial;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import dev.mqttbridge.test.Ports;
import dev.mqttbridge.test.tls.TestCertificates;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover across transports with our embedded broker as the WebSocket peer: the primary serves
 * {@code ws://}, the backup {@code wss://} (trust from a ready-made {@link SSLContext}, as Camel
 * hands it over) plus a TCP listener for the test's own subscriber or publisher.
 */
class MqttClientWebSocketFailoverIT {

  private static final MqttReconnectPolicy FAST_RECONNECT =
      MqttReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(500));
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path directory;

  private static TestCertificates certificates;

  private MqttBroker primary;
  private MqttBroker backup;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void generateCertificates() throws Exception {
    certificates = TestCertificates.generate(directory);
  }

  @BeforeEach
  void startBrokers() {
    primary = MqttBroker.builder().listener(MqttListener.webSocket("127.0.0.1", 0)).build().start();
    backup = MqttBroker.builder()
        .listener(MqttListener.secureWebSocket("127.0.0.1", 0,
            ListenerTls.pem(certificates.serverCertificate(), certificates.serverKey())))
        .listener(MqttListener.tcp("127.0.0.1", 0))
        .build().start();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    primary.close();
    backup.close();
  }

  /** The backup's wss URI under the name its certificate carries. */
  private String backupWss() {
    return backup.uri(0).replace("127.0.0.1", "localhost");
  }

  private static MqttTlsConfig trustingCa() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, KeyMaterial.trustPem(certificates.caCertificate()).getTrustManagers(), null);
    return MqttTlsConfig.builder().sslContext(context).build();
  }

  private MqttClient client(MqttClientBuilder builder) {
    MqttClient client = builder.connectTimeout(Duration.ofSeconds(20)).build();
    resources.add(client);
    return client;
  }

  /** A plain TCP client of the backup. */
  private MqttClient backupTcpClient() {
    MqttClient client = client(MqttClient.builder().serverUri(backup.uri(1)));
    client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    return client;
  }

  @Test
  void connect_deadWebSocketUriFirst_connectsToTheNextOverSecureWebSocket() throws Exception {
    MessageCollector onBackup = new MessageCollector();
    backupTcpClient().subscribe(MqttSubscription.of("fo/ws/first", MqttQos.AT_LEAST_ONCE), onBackup)
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    MqttClient client = client(MqttClient.builder()
        .serverUris(List.of(URI.create("ws://127.0.0.1:" + Ports.freePort() + "/mqtt"), URI.create(backupWss())))
        .tls(trustingCa()).reconnectPolicy(MqttReconnectPolicy.DISABLED));

    client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    client.publish(MqttMessage.builder("fo/ws/first").qos(1).payload("over wss").build())
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();

    assertThat(onBackup.next().message().payloadAsString()).isEqualTo("over wss");
  }

  @Test
  void primaryStopped_reconnectsToBackupOverSecureWebSocket_subscriptionMadeAgainThere() throws Exception {
    BlockingQueue<MqttConnectResult> connects = new LinkedBlockingQueue<>();
    MessageCollector received = new MessageCollector();
    MqttClient client = client(MqttClient.builder()
        .serverUris(List.of(URI.create(primary.uri(0)), URI.create(backupWss())))
        .tls(trustingCa()).reconnectPolicy(FAST_RECONNECT)
        .connectionListener(new MqttConnectionListener() {
          @Override
          public void connected(MqttConnectResult result) {
            connects.add(result);
          }
        }));
    client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    client.subscribe(MqttSubscription.of("fo/ws/back", MqttQos.AT_LEAST_ONCE), received)
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    assertThat(connects.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("first connect").isNotNull();
    assertThat(primary.connectionCount()).isEqualTo(1);

    primary.close();

    MqttConnectResult again = connects.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(again).as("reconnected to the backup").isNotNull();
    assertThat(again.sessionPresent()).isFalse();
    // The backup has no session: the client subscribes again before anything else [MQTT-3.2.2-5].
    MqttClient publisher = backupTcpClient();
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> backup.metrics().subscriptions() >= 1);
    publisher.publish(MqttMessage.builder("fo/ws/back").qos(1).payload("from the backup").build())
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();

    assertThat(received.next().message().payloadAsString()).isEqualTo("from the backup");
  }
}
