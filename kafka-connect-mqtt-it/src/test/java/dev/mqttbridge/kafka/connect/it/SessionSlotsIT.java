package dev.mqttbridge.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.kafka.connect.MqttSourceConnector;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session slots over two Connect workers in their own JVMs: {@code mqtt.session.slots=4},
 * {@code tasks.max=2}. The tasks land on both workers; one worker killed loses nothing (its slots'
 * messages wait in Mosquitto until the other worker takes the slots over); {@code tasks.max} down
 * to 1 and back loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionSlotsIT {

  private static final Logger LOG = LoggerFactory.getLogger(SessionSlotsIT.class);
  private static final int MESSAGES = Integer.getInteger("slots.messages", 20_000);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private static CrashTestCluster cluster;
  private static EmbeddedKafkaCluster kafka;
  private static MosquittoBroker mosquitto;
  private static ForkedConnectWorker first;
  private static ForkedConnectWorker second;

  @BeforeAll
  static void start() throws Exception {
    cluster = CrashTestCluster.start(SessionSlotsIT.class, 2);
    kafka = cluster.kafka();
    mosquitto = cluster.mosquitto();
    first = cluster.worker(0);
    second = cluster.worker(1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Map<String, String> connector(String name, int tasks) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", MqttSourceConnector.class.getName());
    props.put("tasks.max", Integer.toString(tasks));
    props.put("mqtt.session.slots", "4");
    props.put("mqtt.server.uris", mosquitto.uri());
    props.put("mqtt.topics", name + "/stream");
    props.put("kafka.topic", name + ".stream");
    props.put("errors.topic", name + ".errors");
    props.put("topic.creation.default.replication.factor", "1");
    props.put("topic.creation.default.partitions", "1");
    return props;
  }

  private static MqttClient publisher(String name) {
    MqttClient client = MqttClient.builder().serverUri(mosquitto.uri()).clientId(name + "-pub").build();
    client.connect().join();
    return client;
  }

  private static void awaitPublished(QosStream stream, int count) throws InterruptedException {
    while (stream.acknowledged() < count && !stream.done().isDone()) {
      Thread.sleep(10);
    }
  }

  @Test
  @Order(1)
  void tasksMaxDownToOneAndBack_losesNothing() throws Exception {
    String name = "resize";
    first.putConnector(name, connector(name, 2));
    first.awaitRunning(name, 2, Duration.ofSeconds(60));
    assertThat(new HashSet<>(first.taskWorkers(name))).as("tasks on both workers").hasSize(2);

    try (MqttClient client = publisher(name)) {
      QosStream stream = new QosStream(client, name + "/stream", MESSAGES).start();
      awaitPublished(stream, MESSAGES / 3);
      first.putConnector(name, connector(name, 1));
      first.awaitRunning(name, 1, Duration.ofSeconds(60));
      awaitPublished(stream, 2 * MESSAGES / 3);
      first.putConnector(name, connector(name, 2));
      first.awaitRunning(name, 2, Duration.ofSeconds(60));
      stream.done().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    DeliveryCount count = DeliveryCount.read(kafka, name + ".stream", MESSAGES, TIMEOUT);
    LOG.info("tasks.max 2 -> 1 -> 2: {} messages, {} distinct, {} duplicates", MESSAGES,
        count.distinct(), count.duplicates());
    assertThat(count.distinct()).as("missing, first ones: %s", count.firstMissing()).isEqualTo(MESSAGES);
  }

  @Test
  @Order(2) // kills a worker: last
  void oneOfTwoWorkersKilled_itsSlotsMoveToTheOther_losesNothing() throws Exception {
    String name = "failover";
    first.putConnector(name, connector(name, 2));
    first.awaitRunning(name, 2, Duration.ofSeconds(60));
    long started = System.nanoTime();

    try (MqttClient client = publisher(name)) {
      QosStream stream = new QosStream(client, name + "/stream", MESSAGES).start();
      awaitPublished(stream, MESSAGES / 3);
      second.kill();
      LOG.info("Second worker killed after {} messages published", stream.acknowledged());
      stream.done().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      // The status of the dead worker's tasks stays RUNNING until Connect reassigns them.
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (new HashSet<>(first.taskWorkers(name)).size() > 1 && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      assertThat(new HashSet<>(first.taskWorkers(name))).as("both tasks on the survivor").hasSize(1);
      first.awaitRunning(name, 2, Duration.ofSeconds(60));
    }

    DeliveryCount count = DeliveryCount.read(kafka, name + ".stream", MESSAGES, TIMEOUT);
    LOG.info("worker killed: {} messages, {} distinct, {} duplicates, {} ms", MESSAGES,
        count.distinct(), count.duplicates(), (System.nanoTime() - started) / 1_000_000);
    assertThat(count.distinct()).as("missing, first ones: %s", count.firstMissing()).isEqualTo(MESSAGES);
  }
}
