package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.kafka.connect.MqttSinkConnector;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.test.mosquitto.MosquittoTlsListener;
import dev.mqttbridge.test.tls.TestCertificates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink connector over mutual TLS on a real Kafka 4.4 broker and Connect worker: a JKS trust
 * store and a PKCS12 client key store against a Mosquitto TLS listener that requires client
 * certificates (generated at test time). A subscriber on the plain listener sees the record.
 */
class SinkTlsIT {

  @TempDir
  static Path directory;

  private static TestCertificates certificates;
  private static MosquittoBroker mosquitto;
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.generate(directory);
    mosquitto = MosquittoBroker.start(MosquittoConfig.builder()
        .tls(MosquittoTlsListener.of(certificates.caCertificate(), certificates.serverCertificate(),
            certificates.serverKey()).withRequireCertificate(true))
        .build());
    connect = ConnectClusters.start("mqtt-sink-tls-it");
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Test
  void overMutualTls_recordsArePublished() throws Exception {
    String id = "sinktls";
    LinkedBlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
    try (MqttClient subscriber = MqttClient.builder().serverUri(mosquitto.uri()).build()) {
      subscriber.connect().join();
      subscriber.subscribe(MqttSubscription.of(id + "/#", MqttQos.AT_LEAST_ONCE),
          m -> received.add(m.message())).join();
      connect.kafka().createTopic(id, 1);

      Map<String, String> props = new HashMap<>();
      props.put("connector.class", MqttSinkConnector.class.getName());
      props.put("tasks.max", "1");
      props.put("topics", id);
      props.put("mqtt.server.uris", mosquitto.tlsUri());
      props.put("mqtt.topic", id + "/{key}");
      props.put("mqtt.ssl.truststore.location", certificates.trustStoreJks().toString());
      props.put("mqtt.ssl.truststore.password", TestCertificates.PASSWORD);
      props.put("mqtt.ssl.truststore.type", "JKS");
      props.put("mqtt.ssl.keystore.location", certificates.clientKeyStorePkcs12().toString());
      props.put("mqtt.ssl.keystore.password", TestCertificates.PASSWORD);
      props.put("mqtt.ssl.keystore.type", "PKCS12");
      props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
      connect.configureConnector(id, props);
      connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(id, 1, id + " did not start");

      try (KafkaProducer<byte[], byte[]> producer = connect.kafka().createProducer(Map.of())) {
        producer.send(new ProducerRecord<>(id, "valve-3".getBytes(UTF_8), "open".getBytes(UTF_8)))
            .get();
      }

      MqttMessage message = received.poll(60, TimeUnit.SECONDS);
      assertThat(message).as("the record published over TLS within 60 s").isNotNull();
      assertThat(message.topic()).isEqualTo(id + "/valve-3");
      assertThat(new String(message.payload(), UTF_8)).isEqualTo("open");
    }
  }
}
