package dev.mqttbridge.kafka.connect.it;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Connect cluster (real Kafka 4.4 broker and worker) with Mosquitto and our embedded broker
 * beside it, for source ITs whose cases run against both brokers ({@link #brokers()} as a
 * parameter source). Each class gets its own cluster and brokers.
 */
abstract class AbstractBothBrokersSourceIT {

  private static final long CONSUME_TIMEOUT_MS = 60_000;

  @RegisterExtension
  static final EmbeddedMqttBroker EMBEDDED = EmbeddedMqttBroker.create();

  static MosquittoBroker mosquitto;
  static EmbeddedConnectCluster connect;

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
  static void startBrokersAndConnect() {
    mosquitto = MosquittoBroker.start();
    connect = ConnectClusters.start("mqtt-source-both-brokers-it");
  }

  @AfterAll
  static void stopBrokersAndConnect() {
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

  /** Creates the connector named {@code id} and waits until its task runs. */
  void startConnector(String id, Map<String, String> props) throws InterruptedException {
    connectors.add(id);
    connect.configureConnector(id, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(id, 1, id + " did not start");
  }

  /** At least {@code count} records of the topic, or fails after 60 s. */
  static List<ConsumerRecord<byte[], byte[]>> consume(int count, String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect.kafka().consume(count, CONSUME_TIMEOUT_MS, topic).forEach(records::add);
    return records;
  }
}
