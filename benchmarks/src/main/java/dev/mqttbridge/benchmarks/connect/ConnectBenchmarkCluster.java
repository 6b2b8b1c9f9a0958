package dev.mqttbridge.benchmarks.connect;

import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.ConnectAssertions;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * What the connect benchmarks run on, all on loopback: Mosquitto in its own process, and a KRaft
 * Kafka broker with one distributed Connect worker in this JVM (the ITs' set-up; our connectors
 * come from the class path). Settings are printed by {@link #describe()}.
 */
final class ConnectBenchmarkCluster implements AutoCloseable {

  /**
   * Mosquitto for throughput: no persistence, no limit on queued messages (the source benchmark
   * queues a whole run for an offline session), an inflight window below our client's Receive
   * Maximum (1,000), which Mosquitto 2.0.11 would otherwise overshoot.
   */
  static final MosquittoConfig MOSQUITTO =
      MosquittoConfig.builder().maxInflightMessages(500).maxQueuedMessages(0).build();

  /** Worker settings besides the storage topics. */
  private static final Map<String, String> WORKER = Map.of("offset.flush.interval.ms", "1000");

  private final MosquittoBroker mosquitto;
  private final EmbeddedConnectCluster connect;

  private ConnectBenchmarkCluster(MosquittoBroker mosquitto, EmbeddedConnectCluster connect) {
    this.mosquitto = mosquitto;
    this.connect = connect;
  }

  /**
   * Kafka and Connect log at WARN; the harmless 404s Connect's assertions log while a new
   * connector has no status yet are left out. Call first thing in main, before any logger exists.
   */
  static void quietLogs() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log." + ConnectAssertions.class.getName(), "off");
  }

  static ConnectBenchmarkCluster start() {
    MosquittoBroker mosquitto = MosquittoBroker.start(MOSQUITTO);
    try {
      Properties broker = new Properties();
      // One broker: internal topics must not ask for three replicas.
      broker.put("offsets.topic.replication.factor", "1");
      broker.put("transaction.state.log.replication.factor", "1");
      broker.put("transaction.state.log.min.isr", "1");
      broker.put("auto.create.topics.enable", "false");
      EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
          .name("connect-benchmark")
          .numWorkers(1)
          .numBrokers(1)
          .brokerProps(broker)
          .workerProps(new HashMap<>(WORKER)) // the builder needs a mutable map
          .build();
      connect.start();
      return new ConnectBenchmarkCluster(mosquitto, connect);
    } catch (RuntimeException | Error e) {
      mosquitto.close();
      throw e;
    }
  }

  MosquittoBroker mosquitto() {
    return mosquitto;
  }

  EmbeddedConnectCluster connect() {
    return connect;
  }

  /** Creates a connector and waits until it and its one task run. */
  void runConnector(String name, Map<String, String> config) throws InterruptedException {
    connect.configureConnector(name, config);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1,
        "Connector " + name + " did not start");
  }

  /** The set-up, for the report. */
  String describe() {
    return "Mosquitto " + mosquitto.uri() + " (max_inflight_messages 500, max_queued_messages 0,"
        + " persistence false); Kafka 4.4.0, one KRaft broker and one Connect worker in this JVM"
        + " (" + WORKER + ", topics with 1 partition)";
  }

  @Override
  public void close() {
    connect.stop();
    mosquitto.close();
  }
}
