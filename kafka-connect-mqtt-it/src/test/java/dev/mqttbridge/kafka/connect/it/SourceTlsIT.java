package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.broker.ListenerTls;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.mqtt.broker.MqttListener;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.test.mosquitto.MosquittoTlsListener;
import dev.mqttbridge.test.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source connector over TLS on a real Kafka 4.4 broker and Connect worker, against Mosquitto's
 * TLS listeners (and once our embedded broker's) with certificates generated at test time: server authentication with a PKCS12
 * trust store, mutual TLS with Kafka's PEM layout (CA file; certificate chain and encrypted key in
 * one file), and the refusals that fail the task with the reason (a CA that did not sign the
 * server's certificate; no client certificate where the broker requires one; a certificate for
 * another host, accepted only with {@code mqtt.ssl.endpoint.identification.algorithm} empty).
 */
class SourceTlsIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final long CONSUME_TIMEOUT_MS = 60_000;

  @TempDir
  static Path directory;

  private static TestCertificates certificates;
  private static Path pemIdentity;
  private static MosquittoBroker serverAuth;
  private static MosquittoBroker mutual;
  private static MosquittoBroker otherHost;
  private static EmbeddedConnectCluster connect;

  private final List<String> connectors = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.generate(directory.resolve("pki"));
    pemIdentity = pemIdentity(directory, certificates);
    MosquittoTlsListener listener = MosquittoTlsListener.of(certificates.caCertificate(),
        certificates.serverCertificate(), certificates.serverKey());
    serverAuth = MosquittoBroker.start(MosquittoConfig.builder().tls(listener).build());
    mutual = MosquittoBroker.start(MosquittoConfig.builder()
        .tls(listener.withRequireCertificate(true)).build());
    otherHost = MosquittoBroker.start(MosquittoConfig.builder()
        .tls(MosquittoTlsListener.of(certificates.caCertificate(),
            certificates.otherHostServerCertificate(), certificates.otherHostServerKey()))
        .build());
    connect = ConnectClusters.start("mqtt-source-tls-it");
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
    for (MosquittoBroker broker : new MosquittoBroker[] {serverAuth, mutual, otherHost}) {
      if (broker != null) {
        broker.close();
      }
    }
  }

  @AfterEach
  void deleteConnectors() {
    connectors.forEach(connect::deleteConnector);
  }

  /** Kafka's ssl.keystore.type=PEM layout: the certificate chain and the encrypted key, one file. */
  static Path pemIdentity(Path directory, TestCertificates certificates) throws Exception {
    Path file = directory.resolve("client-identity.pem");
    Files.writeString(file, Files.readString(certificates.clientCertificate())
        + Files.readString(certificates.clientKeyPkcs8Encrypted()));
    return file;
  }

  private static String id() {
    return "tls" + SEQUENCE.incrementAndGet();
  }

  private static Map<String, String> sourceProps(String id, MosquittoBroker broker) {
    return SourceConnectorProps.of(id, broker.tlsUri(), id + "/{device}", id + ".{device}");
  }

  private void startConnector(String name, Map<String, String> props) throws InterruptedException {
    connectors.add(name);
    connect.configureConnector(name, props);
  }

  /** Publishes over the broker's plain listener and reads the record the connector wrote. */
  private static ConsumerRecord<byte[], byte[]> bridged(MosquittoBroker broker, String id)
      throws Exception {
    try (MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).build()) {
      publisher.connect().join();
      publisher.publishAndWait(MqttMessage.builder(id + "/pump-1")
          .payload("21.5".getBytes(UTF_8)).qos(1).build());
    }
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect.kafka().consume(1, CONSUME_TIMEOUT_MS, id + ".pump-1").forEach(records::add);
    return records.get(0);
  }

  private static String failedTaskTrace(String name) throws InterruptedException {
    connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(
        name, 1, "The task of " + name + " did not fail");
    ConnectorStateInfo status = connect.connectorStatus(name);
    return status.tasks().get(0).trace();
  }

  @Test
  void overTls_withPkcs12TrustStore_messagesReachKafka() throws Exception {
    String id = id();
    Map<String, String> props = sourceProps(id, serverAuth);
    props.put("mqtt.ssl.truststore.location", certificates.trustStorePkcs12().toString());
    props.put("mqtt.ssl.truststore.password", TestCertificates.PASSWORD);
    props.put("mqtt.ssl.truststore.type", "PKCS12");
    startConnector(id, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(id, 1, id + " did not start");

    ConsumerRecord<byte[], byte[]> record = bridged(serverAuth, id);

    assertThat(new String(record.value(), UTF_8)).isEqualTo("21.5");
    assertThat(new String(record.headers().lastHeader("mqtt.topic").value(), UTF_8))
        .isEqualTo(id + "/pump-1");
  }

  @Test
  void overMutualTls_withPemCaFileAndPemIdentityFile_messagesReachKafka() throws Exception {
    String id = id();
    Map<String, String> props = sourceProps(id, mutual);
    props.put("mqtt.ssl.truststore.location", certificates.caCertificate().toString());
    props.put("mqtt.ssl.truststore.type", "PEM");
    props.put("mqtt.ssl.keystore.location", pemIdentity.toString());
    props.put("mqtt.ssl.keystore.type", "PEM");
    props.put("mqtt.ssl.key.password", TestCertificates.PASSWORD);
    startConnector(id, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(id, 1, id + " did not start");

    assertThat(new String(bridged(mutual, id).value(), UTF_8)).isEqualTo("21.5");
  }

  @Test
  void serverCertificateFromAnotherCa_failsTheTaskSayingItIsNotTrusted() throws Exception {
    String id = id();
    Map<String, String> props = sourceProps(id, serverAuth);
    props.put("mqtt.ssl.truststore.location", certificates.otherCaCertificate().toString());
    props.put("mqtt.ssl.truststore.type", "PEM");
    startConnector(id, props);

    assertThat(failedTaskTrace(id))
        .contains("not trusted")
        .contains(serverAuth.tlsUri())
        .contains("mqtt.ssl.truststore");
  }

  @Test
  void mutualTlsBroker_withoutClientCertificate_failsTheTask() throws Exception {
    String id = id();
    Map<String, String> props = sourceProps(id, mutual);
    props.put("mqtt.ssl.truststore.location", certificates.trustStoreJks().toString());
    props.put("mqtt.ssl.truststore.password", TestCertificates.PASSWORD);
    props.put("mqtt.ssl.truststore.type", "JKS");
    startConnector(id, props);

    assertThat(failedTaskTrace(id)).contains("certificate").contains("mqtt.ssl.keystore");
  }

  @Test
  void certificateForAnotherHost_failsTheTask_unlessEndpointIdentificationIsEmpty()
      throws Exception {
    String checked = id();
    Map<String, String> props = sourceProps(checked, otherHost);
    props.put("mqtt.ssl.truststore.location", certificates.caCertificate().toString());
    props.put("mqtt.ssl.truststore.type", "PEM");
    startConnector(checked, props);
    assertThat(failedTaskTrace(checked)).contains("does not match the host name");

    String unchecked = id();
    props = sourceProps(unchecked, otherHost);
    props.put("mqtt.ssl.truststore.location", certificates.caCertificate().toString());
    props.put("mqtt.ssl.truststore.type", "PEM");
    props.put("mqtt.ssl.endpoint.identification.algorithm", "");
    startConnector(unchecked, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(
        unchecked, 1, unchecked + " did not start");

    assertThat(new String(bridged(otherHost, unchecked).value(), UTF_8)).isEqualTo("21.5");
  }

  @Test
  void embeddedBroker_overMutualTls_withPkcs12Stores_messagesReachKafka() throws Exception {
    try (MqttBroker embedded = MqttBroker.builder()
        .listener(MqttListener.tcp("127.0.0.1", 0))
        .listener(MqttListener.tls("127.0.0.1", 0,
            ListenerTls.pem(certificates.serverCertificate(), certificates.serverKey())
                .clientCertificates(certificates.caCertificate(), true)))
        .build().start()) {
      String id = id();
      Map<String, String> props = SourceConnectorProps.of(id, embedded.uri(1), id + "/{device}",
          id + ".{device}");
      props.put("mqtt.ssl.truststore.location", certificates.trustStorePkcs12().toString());
      props.put("mqtt.ssl.truststore.password", TestCertificates.PASSWORD);
      props.put("mqtt.ssl.keystore.location", certificates.clientKeyStorePkcs12().toString());
      props.put("mqtt.ssl.keystore.password", TestCertificates.PASSWORD);
      startConnector(id, props);
      connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(id, 1, id + " did not start");

      try (MqttClient publisher = MqttClient.builder().serverUri(embedded.uri(0)).build()) {
        publisher.connect().join();
        publisher.publishAndWait(MqttMessage.builder(id + "/pump-1")
            .payload("21.5".getBytes(UTF_8)).qos(1).build());
      }
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      connect.kafka().consume(1, CONSUME_TIMEOUT_MS, id + ".pump-1").forEach(records::add);
      assertThat(new String(records.get(0).value(), UTF_8)).isEqualTo("21.5");
    }
  }
}
