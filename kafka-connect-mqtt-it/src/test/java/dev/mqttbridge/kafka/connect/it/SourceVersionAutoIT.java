package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code mqtt.version=auto} on a real Kafka 4.4 broker and Connect worker, against Mosquitto and
 * our embedded broker: connected directly it speaks MQTT 5 (a record carries the MQTT 5 content
 * type, which 3.1.1 cannot transport); behind a front that answers MQTT 5 as a 3.1.1-only server
 * does (CONNACK return code 1), it falls back to 3.1.1 and still bridges.
 */
class SourceVersionAutoIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final long CONSUME_TIMEOUT_MS = 60_000;

  @RegisterExtension
  static final EmbeddedMqttBroker EMBEDDED = EmbeddedMqttBroker.create();

  private static MosquittoBroker mosquitto;
  private static EmbeddedConnectCluster connect;

  private final List<String> connectors = new ArrayList<>();

  /** A broker under test: its name and plain port. */
  record Broker(String name, int port) {
    String uri() {
      return "tcp://127.0.0.1:" + port;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void start() {
    mosquitto = MosquittoBroker.start();
    connect = ConnectClusters.start("mqtt-source-version-it");
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

  @AfterEach
  void deleteConnectors() {
    connectors.forEach(connect::deleteConnector);
  }

  static Stream<Broker> brokers() {
    return Stream.of(new Broker("mosquitto", mosquitto.port()),
        new Broker("embedded", EMBEDDED.port()));
  }

  private void startAutoConnector(String id, String serverUri) throws InterruptedException {
    Map<String, String> props = SourceConnectorProps.of(id, serverUri, id + "/data", id + ".data");
    props.put("mqtt.version", "auto");
    connectors.add(id);
    connect.configureConnector(id, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(id, 1, id + " did not start");
  }

  /** Publishes with MQTT 5 straight to the broker and reads the record the connector wrote. */
  private static ConsumerRecord<byte[], byte[]> bridged(Broker broker, String id) {
    try (MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).build()) {
      publisher.connect().join();
      publisher.publishAndWait(MqttMessage.builder(id + "/data").payload("42".getBytes(UTF_8))
          .qos(1).contentType("text/plain").build());
    }
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect.kafka().consume(1, CONSUME_TIMEOUT_MS, id + ".data").forEach(records::add);
    return records.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void auto_againstABrokerSpeaking5_usesMqtt5(Broker broker) throws Exception {
    String id = "auto" + SEQUENCE.incrementAndGet() + broker.name();
    startAutoConnector(id, broker.uri());

    ConsumerRecord<byte[], byte[]> record = bridged(broker, id);

    assertThat(new String(record.value(), UTF_8)).isEqualTo("42");
    assertThat(record.headers().lastHeader("mqtt.content.type"))
        .as("an MQTT 5 property reached the record: the session is MQTT 5").isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void auto_againstAServerRefusing5_fallsBackTo311(Broker broker) throws Exception {
    String id = "auto" + SEQUENCE.incrementAndGet() + broker.name();
    try (Mqtt311OnlyGate gate = Mqtt311OnlyGate.start(broker.port())) {
      startAutoConnector(id, gate.uri());

      ConsumerRecord<byte[], byte[]> record = bridged(broker, id);

      assertThat(new String(record.value(), UTF_8)).isEqualTo("42");
      assertThat(record.headers().lastHeader("mqtt.content.type"))
          .as("3.1.1 carries no properties").isNull();
      assertThat(gate.refusedMqtt5()).as("MQTT 5 was tried first").isPositive();
      assertThat(gate.relayed()).as("then 3.1.1 connected").isPositive();
    }
  }
}
