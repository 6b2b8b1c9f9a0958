package dev.mqttbridge.benchmarks.connect;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mqttbridge.kafka.connect.MqttSourceConnector;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Load benchmark (not JMH, run by hand): MQTT -> Kafka records/s at QoS 1 through the source
 * connector on a real Connect worker, each message acknowledged only after Kafka acknowledged its
 * record, against the same run's raw limits: our client subscribing alone (QoS 1, same Receive
 * Maximum and shared subscription as the connector's slot) and a Kafka producer alone sending the
 * same records with the producer settings Connect gives source tasks.
 *
 * <p>The MQTT sides drain a backlog: the session subscribes, goes offline, the run is published
 * to Mosquitto, then the session comes back (the connector is stopped and resumed), so the
 * publisher's pace stays out of the figure. Everything is timed where it ends up (the subscriber,
 * or a consumer assigned to the Kafka topic), from the first arrival to the last; medians of the
 * rounds are printed, and the ratio against the smaller raw limit.
 *
 * <p>With QoS 1 each slot's session has at most min(Receive Maximum, Mosquitto's {@code
 * max_inflight_messages}) = 500 messages unacknowledged, and the connector acknowledges one only
 * after Kafka's {@code acks=all}: its rate per slot is bounded by that window over the round trip
 * through Kafka. More {@code mqtt.session.slots} (one task still) widen the window.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.mqttbridge.benchmarks.connect.ConnectSourceBenchmark
 *     [records (200000)] [rounds (3)] [payload bytes (100)] [mqtt.session.slots (1)]</pre>
 */
public final class ConnectSourceBenchmark {

  /** The source task's Receive Maximum per slot. */
  private static final int RECEIVE_MAXIMUM = 1_000;
  private static final int PUBLISH_WINDOW = 10_000;
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);
  private static final byte[] PROBE = "probe".getBytes(UTF_8);

  private ConnectSourceBenchmark() {}

  public static void main(String[] args) throws Exception {
    ConnectBenchmarkCluster.quietLogs();
    RunShape shape = RunShape.parse(args);
    int records = shape.records();
    int rounds = shape.rounds();
    int slots = RunShape.argument(args, 3, 1);
    byte[] payload = shape.payload();
    Rounds subscriber = new Rounds(rounds);
    Rounds producer = new Rounds(rounds);
    Rounds source = new Rounds(rounds);
    try (ConnectBenchmarkCluster cluster = ConnectBenchmarkCluster.start()) {
      System.out.println(cluster.describe());
      for (int round = 0; round < rounds; round++) {
        subscriber.set(round, subscriber(cluster, "bench/src/" + round + "/raw", records, payload));
        producer.set(round, producer(cluster, "raw" + round, "bench/src/" + round + "/raw",
            records, payload));
        source.set(round, source(cluster, "source" + round, records, payload, slots));
        System.out.printf("round %d: our client subscribing %.0f msg/s, Kafka producer %.0f"
            + " records/s, source connector %.0f records/s%n", round + 1, subscriber.get(round),
            producer.get(round), source.get(round));
      }
    }
    double limit = Math.min(subscriber.median(), producer.median());
    System.out.printf("%d records of %d bytes, QoS 1, %d session slot(s), median of %d: our client"
        + " subscribing %.0f msg/s, Kafka producer %.0f records/s, source connector %.0f records/s,"
        + " ratio to the smaller limit %.2f%n", records, shape.payloadBytes(), slots, rounds,
        subscriber.median(),
        producer.median(), source.median(), source.median() / limit);
  }

  /** Publishes the run at QoS 1 and waits until Mosquitto acknowledged all of it. */
  private static void publish(ConnectBenchmarkCluster cluster, String topic, int records,
      byte[] payload) throws InterruptedException {
    WindowedPublisher.publishAll(cluster.mosquitto().uri(), "bench-publisher", topic, records,
        payload, PUBLISH_WINDOW);
  }

  private static MqttClient session(ConnectBenchmarkCluster cluster, String clientId,
      ArrivalClock clock) {
    MqttClient client = MqttClient.builder().serverUri(cluster.mosquitto().uri()).clientId(clientId)
        .cleanStart(false).sessionExpiryInterval(3_600).receiveMaximum(RECEIVE_MAXIMUM)
        .defaultHandler(m -> clock.arrived()).build();
    client.connect().join();
    return client;
  }

  private static double subscriber(ConnectBenchmarkCluster cluster, String topic, int records,
      byte[] payload) throws Exception {
    String clientId = "bench-sub-" + topic.replace('/', '-');
    ArrivalClock clock = new ArrivalClock(records);
    try (MqttClient offline = session(cluster, clientId, clock)) {
      offline.subscribe(MqttSubscription.of("$share/raw/" + topic, MqttQos.AT_LEAST_ONCE),
          m -> clock.arrived()).join();
      offline.disconnect().join();
    }
    publish(cluster, topic, records, payload);
    try (MqttClient online = session(cluster, clientId, clock)) {
      return clock.awaitRate(ROUND_TIMEOUT);
    }
  }

  private static double producer(ConnectBenchmarkCluster cluster, String kafkaTopic,
      String mqttTopic, int records, byte[] payload) throws Exception {
    cluster.connect().kafka().createTopic(kafkaTopic, 1);
    ArrivalClock clock = new ArrivalClock(records);
    // What Connect 4.4 sets for source task producers (Worker.baseProducerConfigs); the rest are
    // the producer's defaults.
    Map<String, Object> settings = Map.of(ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
    try (KafkaArrivals arrivals = new KafkaArrivals(cluster.connect().kafka(), kafkaTopic, clock,
        record -> true);
        KafkaProducer<byte[], byte[]> producer = cluster.connect().kafka().createProducer(settings)) {
      byte[] key = mqttTopic.getBytes(UTF_8);
      for (int i = 0; i < records; i++) {
        // The record the source writes: key, value and its headers as the default converter has them.
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(kafkaTopic, key, payload);
        record.headers().add(new RecordHeader("mqtt.topic", key))
            .add(new RecordHeader("mqtt.qos", "1".getBytes(UTF_8)))
            .add(new RecordHeader("mqtt.retained", "false".getBytes(UTF_8)))
            .add(new RecordHeader("mqtt.duplicate", "false".getBytes(UTF_8)));
        producer.send(record);
      }
      producer.flush();
      return clock.awaitRate(ROUND_TIMEOUT);
    }
  }

  private static double source(ConnectBenchmarkCluster cluster, String name, int records,
      byte[] payload, int slots) throws Exception {
    String mqttTopic = "bench/" + name;
    cluster.connect().kafka().createTopic(name, 1);
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", MqttSourceConnector.class.getName());
    props.put("tasks.max", "1");
    props.put("mqtt.server.uris", cluster.mosquitto().uri());
    props.put("mqtt.topics", mqttTopic);
    props.put("mqtt.qos", "1");
    props.put("mqtt.session.slots", Integer.toString(slots));
    props.put("kafka.topic", name);
    props.put("errors.topic", name + ".errors");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("topic.creation.default.replication.factor", "1");
    props.put("topic.creation.default.partitions", "1");
    ArrivalClock probed = new ArrivalClock(2);
    ArrivalClock clock = new ArrivalClock(records);
    try (KafkaArrivals probes = new KafkaArrivals(cluster.connect().kafka(), name, probed,
        record -> Arrays.equals(record.value(), PROBE));
        KafkaArrivals arrivals = new KafkaArrivals(cluster.connect().kafka(), name, clock,
            record -> !Arrays.equals(record.value(), PROBE))) {
      cluster.runConnector(name, props);
      // Two probes through: the slot's session subscribed. Then it goes offline with it.
      publish(cluster, mqttTopic, 2, PROBE);
      probed.awaitRate(ROUND_TIMEOUT);
      cluster.connect().stopConnector(name);
      cluster.connect().assertions().assertConnectorIsStopped(name, name + " did not stop");
      publish(cluster, mqttTopic, records, payload);
      cluster.connect().resumeConnector(name);
      try {
        return clock.awaitRate(ROUND_TIMEOUT);
      } finally {
        cluster.connect().deleteConnector(name);
      }
    }
  }
}
