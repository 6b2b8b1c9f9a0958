package dev.mqttbridge.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.kafka.connect.MqttSourceConnector;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loss tests: QoS 1 (and 2) messages stream through a durable Mosquitto into a Connect worker in
 * its own JVM while the worker is killed with SIGKILL, or the MQTT link is cut. Every message must
 * reach Kafka; duplicates are counted and logged. Message count: {@code -Dcrash.messages}
 * (default 100,000, as the issue asks).
 */
class WorkerCrashIT {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerCrashIT.class);
  private static final int MESSAGES = Integer.getInteger("crash.messages", 100_000);
  private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(3);

  private static CrashTestCluster cluster;
  private static EmbeddedKafkaCluster kafka;
  private static MosquittoBroker mosquitto;
  private static ForkedConnectWorker worker;

  @BeforeAll
  static void start() throws Exception {
    cluster = CrashTestCluster.start(WorkerCrashIT.class, 1);
    kafka = cluster.kafka();
    mosquitto = cluster.mosquitto();
    worker = cluster.worker(0);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Map<String, String> connector(String name, String serverUri) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", MqttSourceConnector.class.getName());
    props.put("tasks.max", "1");
    props.put("mqtt.server.uris", serverUri);
    props.put("mqtt.topics", name + "/stream");
    props.put("kafka.topic", name + ".stream");
    props.put("errors.topic", name + ".errors");
    props.put("mqtt.qos", "1");
    props.put("topic.creation.default.replication.factor", "1");
    props.put("topic.creation.default.partitions", "1");
    return props;
  }

  private static MqttClient publisher(String name) {
    MqttClient client = MqttClient.builder()
        .serverUri(mosquitto.uri())
        .clientId(name + "-publisher")
        .build();
    client.connect().join();
    return client;
  }

  private static void report(String test, DeliveryCount count, long millis) {
    LOG.info("{}: {} messages, {} distinct in Kafka, {} duplicates, {} ms; duplicate runs"
        + " (offset+length:first): {}", test, count.expected, count.distinct(), count.duplicates(),
        millis, count.duplicateRuns);
  }

  @Test
  void workerKilledWithSigkillWhileQos1Streams_everyMessageReachesKafkaAfterRestart() throws Exception {
    String name = "crash";
    stream("SIGKILL", name, connector(name, mosquitto.uri()), 1, List.of(MESSAGES / 3),
        (index, published) -> {
          worker.kill();
          LOG.info("Worker killed after {} messages published", published);
          worker.start();
          worker.awaitRunning(name, 1, Duration.ofSeconds(90));
        });
  }

  @Test
  void mqttLinkCutRepeatedlyWhileQos1Streams_everyMessageReachesKafka() throws Exception {
    linkCutThreeTimes("linkcut", 1);
  }

  /**
   * At QoS 2 the resumed session adds no duplicate of its own: the client keeps a message's packet
   * id until the broker released it, so a redelivery after a cut is recognised and not handed to
   * the task again (a client replaced at each cut wrote 924 twice here). The bound leaves room for
   * a retried Kafka send only.
   */
  @Test
  void mqttLinkCutRepeatedlyWhileQos2Streams_everyMessageReachesKafkaAndFewTwice() throws Exception {
    String name = "linkcut2";
    DeliveryCount count = linkCutThreeTimes(name, 2);
    // The claim is about a resumed session: it holds when the slot opened once (no task restart,
    // which a rebalance of a loaded worker can cause) and every reconnect found the session.
    List<String> opened = worker.logLines("[task-thread-" + name + "-0] INFO "
        + "dev.mqttbridge.kafka.connect.source.SlotSession - Slot 0: session present");
    List<String> reconnects = worker.logLines("Slot 0 (" + name + "-0) reconnected");
    LOG.info("Slot opened: {}; reconnects: {}", opened, reconnects);
    assertThat(opened).as("the worker log shows the slot opening (log format changed?)")
        .isNotEmpty();
    boolean resumedEachTime = opened.size() == 1
        && reconnects.stream().allMatch(line -> line.endsWith("session present: true"));
    if (resumedEachTime) {
      assertThat(count.duplicates())
          .as("duplicate runs (offset+length:first): %s", count.duplicateRuns)
          .isLessThan(100);
    } else {
      LOG.warn("The slot's session was not resumed at every cut (see above): {} duplicates are"
          + " not the resumed session's", count.duplicates());
    }
  }

  @Test
  void taskRestartedWhileQos2Streams_everyMessageReachesKafka() throws Exception {
    String name = "restart2";
    Map<String, String> props = connector(name, mosquitto.uri());
    props.put("mqtt.qos", "2");
    stream("task restart, QoS 2", name, props, 2, List.of(MESSAGES / 2), (index, published) -> {
      worker.restartTask(name, 0);
      LOG.info("Task restarted after {} messages published", published);
    });
  }

  private DeliveryCount linkCutThreeTimes(String name, int qos) throws Exception {
    try (FaultProxy proxy = FaultProxy.start(mosquitto.host(), mosquitto.port())) {
      Map<String, String> props = connector(name, proxy.uri());
      props.put("mqtt.keepalive.seconds", "5");
      props.put("mqtt.qos", Integer.toString(qos));
      return stream("link cut x3, QoS " + qos, name, props, qos,
          List.of(MESSAGES / 4, MESSAGES / 2, MESSAGES * 3 / 4), (index, published) -> {
            proxy.cutAll();
            LOG.info("MQTT link cut {} after {} messages published", index + 1, published);
          });
    }
  }

  /** What a test does to the bridge once a threshold of published messages is reached. */
  @FunctionalInterface
  private interface Disruption {
    void apply(int index, int published) throws Exception;
  }

  /**
   * Runs the connector, streams {@link #MESSAGES} at {@code qos}, applies the disruption at each
   * threshold of acknowledged publishes, and asserts every message reached Kafka.
   *
   * @return the count, for assertions on duplicates
   */
  private DeliveryCount stream(String label, String name, Map<String, String> props, int qos,
      List<Integer> thresholds, Disruption disruption) throws Exception {
    worker.putConnector(name, props);
    worker.awaitRunning(name, 1, Duration.ofSeconds(60));
    long started = System.nanoTime();
    try (MqttClient client = publisher(name)) {
      QosStream stream = new QosStream(client, name + "/stream", MESSAGES, qos).start();
      for (int i = 0; i < thresholds.size(); i++) {
        while (stream.acknowledged() < thresholds.get(i) && !stream.done().isDone()) {
          Thread.sleep(10);
        }
        disruption.apply(i, stream.acknowledged());
      }
      stream.done().get(DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    DeliveryCount count = DeliveryCount.read(kafka, name + ".stream", MESSAGES, DELIVERY_TIMEOUT);
    report(label, count, (System.nanoTime() - started) / 1_000_000);
    assertThat(count.distinct()).as("missing, first ones: %s", count.firstMissing())
        .isEqualTo(MESSAGES);
    return count;
  }
}
