package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.mqttbridge.mqtt.internal.tls.KeyMaterial;
import dev.mqttbridge.test.mosquitto.ClientProcess;
import dev.mqttbridge.test.mosquitto.MosquittoClients;
import dev.mqttbridge.test.tls.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS listeners next to a plain one, with mosquitto_pub/sub ({@code --cafile}, {@code --cert},
 * {@code --key}) and the HiveMQ client; required client certificates reach the authenticator.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsListenerBrokerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  static Path certificatesDirectory;

  private static TestCertificates certificates;
  private static final List<ClientIdentity> AUTHENTICATED = new CopyOnWriteArrayList<>();
  /** Listener 0: plain TCP; 1: TLS, client certificate optional; 2: TLS, required. */
  private static MqttBroker broker;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.generate(certificatesDirectory);
    ListenerTls server = ListenerTls.pem(certificates.serverCertificate(),
        certificates.serverKey());
    broker = MqttBroker.builder()
        .listener(MqttListener.tcp("127.0.0.1", 0))
        .listener(MqttListener.tls("127.0.0.1", 0, server))
        .listener(MqttListener.tls("127.0.0.1", 0,
            server.clientCertificates(certificates.caCertificate(), true)))
        .authenticator((client, password) -> AUTHENTICATED.add(client))
        .build().start();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static MosquittoClients mosquitto(int listener) {
    return MosquittoClients.of("localhost", broker.boundAddresses().get(listener).getPort());
  }

  private static String ca() {
    return certificates.caCertificate().toString();
  }

  @Test
  void mosquittoClients_overTlsWithCafile_publishAndReceive_plainListenerServesToo() {
    try (ClientProcess sub = mosquitto(1).startSub("--cafile", ca(), "-d", "-q", "1", "-t",
        "tls/#", "-C", "2", "-v")) {
      sub.awaitOutput("received SUBACK", TIMEOUT);
      mosquitto(1).pub("--cafile", ca(), "-q", "1", "-t", "tls/secure", "-m", "over-tls")
          .requireSuccess();
      mosquitto(0).pub("-q", "1", "-t", "tls/plain", "-m", "over-tcp").requireSuccess();

      assertThat(sub.awaitExit(TIMEOUT).requireSuccess().stdoutLines())
          .contains("tls/secure over-tls", "tls/plain over-tcp");
    }
    assertThat(broker.uri(1)).startsWith("ssl://");
  }

  @Test
  void requiredClientCertificate_subjectReachesAuthenticator() {
    mosquitto(2).pub("--cafile", ca(), "--cert", certificates.clientCertificate().toString(),
        "--key", certificates.clientKeyPkcs8().toString(), "-i", "with-certificate",
        "-t", "tls/cert", "-m", "x").requireSuccess();

    assertThat(AUTHENTICATED).filteredOn(c -> c.clientId().equals("with-certificate"))
        .extracting(ClientIdentity::certificateSubject).containsExactly("CN=test-client");
  }

  @Test
  void requiredClientCertificate_clientWithoutOne_refusedInHandshake() {
    assertThat(mosquitto(2).pub("--cafile", ca(), "-i", "no-certificate", "-t", "tls/cert",
        "-m", "x").succeeded()).isFalse();
    assertThat(AUTHENTICATED).extracting(ClientIdentity::clientId)
        .doesNotContain("no-certificate");
  }

  @Test
  void requiredClientCertificate_certificateFromOtherCa_refusedInHandshake() {
    assertThat(mosquitto(2).pub("--cafile", ca(),
        "--cert", certificates.otherCaClientCertificate().toString(),
        "--key", certificates.otherCaClientKey().toString(), "-i", "other-ca",
        "-t", "tls/cert", "-m", "x").succeeded()).isFalse();
    assertThat(AUTHENTICATED).extracting(ClientIdentity::clientId).doesNotContain("other-ca");
  }

  @Test
  void hiveMqClient_overTls_qos1RoundTrip_noCertificateOnOptionalListener() throws Exception {
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("hive-tls")
        .serverHost("localhost").serverPort(broker.boundAddresses().get(1).getPort())
        .sslConfig().trustManagerFactory(KeyMaterial.trustPem(certificates.caCertificate()))
        .applySslConfig()
        .buildBlocking();
    client.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
      client.subscribeWith().topicFilter("tls/hive").qos(MqttQos.AT_LEAST_ONCE).send();
      client.publishWith().topic("tls/hive").qos(MqttQos.AT_LEAST_ONCE)
          .payload("secure".getBytes()).send();
      Mqtt5Publish received = publishes.receive(30, TimeUnit.SECONDS).orElseThrow();
      assertThat(new String(received.getPayloadAsBytes())).isEqualTo("secure");
    } finally {
      client.disconnect();
    }
    assertThat(AUTHENTICATED).filteredOn(c -> c.clientId().equals("hive-tls"))
        .extracting(ClientIdentity::certificateSubject).containsOnlyNulls();
  }

  @Test
  void hiveMqClient_withClientCertificate_subjectReachesAuthenticator() throws Exception {
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("hive-cert")
        .serverHost("localhost").serverPort(broker.boundAddresses().get(2).getPort())
        .sslConfig().trustManagerFactory(KeyMaterial.trustPem(certificates.caCertificate()))
        .keyManagerFactory(KeyMaterial.identityPem(certificates.clientCertificate(),
            certificates.clientKeyPkcs8(), null))
        .applySslConfig()
        .buildBlocking();
    client.connect();
    client.disconnect();

    assertThat(AUTHENTICATED).filteredOn(c -> c.clientId().equals("hive-cert"))
        .extracting(ClientIdentity::certificateSubject).containsExactly("CN=test-client");
  }
}
