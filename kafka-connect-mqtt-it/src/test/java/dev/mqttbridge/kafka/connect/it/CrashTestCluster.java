package dev.mqttbridge.kafka.connect.it;

import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * The set-up the crash tests share: a one-broker Kafka cluster in this JVM, a durable Mosquitto,
 * and Connect workers in their own JVMs (so a test can SIGKILL them), started in that order and
 * stopped in reverse. Worker logs stay under {@code target/forked-connect/TEST_CLASS}.
 */
final class CrashTestCluster implements AutoCloseable {

  /**
   * Durable, with an inflight window below the connector's Receive Maximum (1,000), as every figure
   * in kafka-connect-mqtt/README.md was measured (Mosquitto 2.0.11 overshoots a Receive Maximum;
   * the client then pauses reads).
   */
  static final MosquittoConfig DURABLE_MOSQUITTO =
      MosquittoConfig.builder().durable().maxInflightMessages(500).build();

  private final EmbeddedKafkaCluster kafka;
  private final MosquittoBroker mosquitto;
  private final List<ForkedConnectWorker> workers;

  private CrashTestCluster(EmbeddedKafkaCluster kafka, MosquittoBroker mosquitto,
      List<ForkedConnectWorker> workers) {
    this.kafka = kafka;
    this.mosquitto = mosquitto;
    this.workers = workers;
  }

  /**
   * Starts Kafka, Mosquitto and the workers. One worker logs into the test class's directory;
   * several log into its subdirectories {@code a}, {@code b}, ...
   */
  static CrashTestCluster start(Class<?> testClass, int workerCount) throws Exception {
    Path directory = ForkedConnectWorker.logDirectory(testClass);
    Properties broker = new Properties();
    broker.put("offsets.topic.replication.factor", "1");
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, broker);
    List<ForkedConnectWorker> workers = new ArrayList<>();
    CrashTestCluster cluster = null;
    try {
      kafka.start();
      MosquittoBroker mosquitto = MosquittoBroker.start(DURABLE_MOSQUITTO);
      cluster = new CrashTestCluster(kafka, mosquitto, workers);
      for (int i = 0; i < workerCount; i++) {
        Path logs = workerCount == 1 ? directory
            : Files.createDirectory(directory.resolve(String.valueOf((char) ('a' + i))));
        workers.add(new ForkedConnectWorker(kafka.bootstrapServers(), logs));
      }
      for (ForkedConnectWorker worker : workers) {
        worker.start();
      }
      return cluster;
    } catch (Exception | Error e) {
      if (cluster != null) {
        cluster.close();
      } else {
        kafka.stop();
      }
      throw e;
    }
  }

  EmbeddedKafkaCluster kafka() {
    return kafka;
  }

  MosquittoBroker mosquitto() {
    return mosquitto;
  }

  /** The worker at this index, in start order. */
  ForkedConnectWorker worker(int index) {
    return workers.get(index);
  }

  @Override
  public void close() throws InterruptedException {
    for (ForkedConnectWorker worker : workers) {
      worker.close();
    }
    mosquitto.close();
    kafka.stop();
  }
}
