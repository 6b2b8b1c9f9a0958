package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.mqttbridge.mqtt.internal.tls.KeyMaterial;
import dev.mqttbridge.test.mosquitto.ClientProcess;
import dev.mqttbridge.test.mosquitto.MosquittoClients;
import dev.mqttbridge.test.tls.TestCertificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS listeners next to a plain one, with mosquitto_pub/sub ({@code --cafile}, {@code --cert},
 * {@code --key}), the HiveMQ and the Paho (3.1.1 and 5) clients; the server identity from PEM
 * files or a PKCS12 key store; required client certificates reach the authenticator.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TlsListenerBrokerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  static Path certificatesDirectory;

  private static TestCertificates certificates;
  private static final List<ClientIdentity> AUTHENTICATED = new CopyOnWriteArrayList<>();
  /**
   * Listener 0: plain TCP; 1: TLS, client certificate optional; 2: TLS, required; 3: TLS with
   * the identity from a PKCS12 key store; 4: TLS with an EC P-256 identity, its key in SEC1 PEM.
   */
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
        .listener(MqttListener.tls("127.0.0.1", 0, ListenerTls.keyStore(
            serverKeyStorePkcs12(), TestCertificates.PASSWORD.toCharArray())))
        .listener(MqttListener.tls("127.0.0.1", 0,
            ListenerTls.pem(certificates.clientEcCertificate(), certificates.clientEcKeySec1())))
        .authenticator((client, password) -> AUTHENTICATED.add(client))
        .build().start();
  }

  /** The server's JKS key store re-saved as PKCS12, the format a server.p12 from openssl has. */
  private static Path serverKeyStorePkcs12() throws Exception {
    char[] password = TestCertificates.PASSWORD.toCharArray();
    KeyStore jks = KeyStore.getInstance("JKS");
    try (InputStream in = Files.newInputStream(certificates.serverKeyStoreJks())) {
      jks.load(in, password);
    }
    KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
    pkcs12.load(null, password);
    pkcs12.setKeyEntry("server", jks.getKey("server", password), password,
        jks.getCertificateChain("server"));
    Path file = certificatesDirectory.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      pkcs12.store(out, password);
    }
    return file;
  }

  private static String sslUri(int listener) {
    return "ssl://localhost:" + broker.boundAddresses().get(listener).getPort();
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

  @Test
  void pahoV3_overTlsFromPkcs12KeyStore_eachQosRoundTrips() throws Exception {
    PahoV3RoundTrips.eachQos(sslUri(3), "paho3-pkcs12",
        BrokerTestTls.trustingCa(certificates).getSocketFactory(),
        "tls/paho3");
  }

  @Test
  void pahoV3_serverNotTrusted_refusedInHandshake() throws Exception {
    MqttClient client = new MqttClient(sslUri(3), "paho3-untrusted", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(SSLContext.getDefault().getSocketFactory()); // JDK CAs only
    try {
      assertThatThrownBy(() -> client.connect(options)).isInstanceOf(MqttException.class)
          .hasStackTraceContaining("PKIX path building failed");
    } finally {
      client.close();
    }
    assertThat(AUTHENTICATED).extracting(ClientIdentity::clientId)
        .doesNotContain("paho3-untrusted");
  }

  @Test
  void pahoV5_withClientCertificateFromPkcs12_subjectReachesAuthenticator_qos2RoundTrip()
      throws Exception {
    try (PahoV5Client client = new PahoV5Client(sslUri(2), "paho5-cert")) {
      MqttConnectionOptions options = PahoV5Client.options(true, 0);
      options.setSocketFactory(
          BrokerTestTls.withClientCertificate(certificates).getSocketFactory());
      client.connect(options);
      client.client.subscribe("tls/paho5", 2).waitForCompletion(10_000);
      client.client.publish("tls/paho5", "exactly once".getBytes(StandardCharsets.UTF_8), 2,
          false).waitForCompletion(10_000);
      PahoV5Client.Received received = client.next();
      assertThat(received.payload()).isEqualTo("exactly once");
      assertThat(received.message().getQos()).isEqualTo(2);
    }
    assertThat(AUTHENTICATED).filteredOn(c -> c.clientId().equals("paho5-cert"))
        .extracting(ClientIdentity::certificateSubject).containsExactly("CN=test-client");
  }

  @Test
  void ecKeyInSec1Pem_listenerServesEcIdentity_qos1RoundTrip() throws Exception {
    // The test EC certificate is issued for client use, so a CA-based check would refuse it as
    // a server's: the client pins it instead, which still proves the listener signs with its key.
    SSLContext pinned = BrokerTestTls.pinning(certificates.clientEcCertificate());
    SSLSocket tls = (SSLSocket) pinned.getSocketFactory()
        .createSocket("127.0.0.1", broker.boundAddresses().get(4).getPort());
    tls.startHandshake();
    assertThat(tls.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm())
        .isEqualTo("EC");

    try (RawMqttSocket client = RawMqttSocket.over(tls).connect("ec-sec1", 60)) {
      client.send(RawMqttSocket.subscribePacket(1, "tls/ec", 1));
      assertThat(client.packet()).containsExactly(0x90, 0x03, 0x00, 0x01, 0x01); // SUBACK QoS 1
      client.send(RawMqttSocket.publishPacket("tls/ec", 1, 2, "over ec".getBytes(
          StandardCharsets.UTF_8)));
      byte[] first = client.packet();
      byte[] second = client.packet();
      // The PUBACK and the PUBLISH to our own subscription may come in either order.
      byte[] publish = (first[0] & 0xF0) == 0x30 ? first : second;
      byte[] puback = publish == first ? second : first;
      assertThat(puback).containsExactly(0x40, 0x02, 0x00, 0x02);
      assertThat(publish[0] & 0xFF).isEqualTo(0x32); // PUBLISH QoS 1
      assertThat(new String(publish, StandardCharsets.UTF_8)).endsWith("over ec");
    }
  }

  @Test
  void encryptedKeyForPemListener_startFailsNamingTheKey() {
    ListenerTls encrypted = ListenerTls.pem(certificates.clientEcCertificate(),
        certificates.clientEcKeySec1Encrypted());

    assertThatThrownBy(() -> MqttBroker.builder()
        .listener(MqttListener.tls("127.0.0.1", 0, encrypted)).build().start().close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot start ")
        .hasMessageContaining(certificates.clientEcKeySec1Encrypted() + " holds an encrypted key");
  }
}
