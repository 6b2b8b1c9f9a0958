package dev.mqttbridge.benchmarks.connect;

import dev.mqttbridge.kafka.connect.MqttSinkConnector;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Load benchmark (not JMH, run by hand): Kafka -> MQTT records/s at QoS 1 through the sink
 * connector on a real Connect worker, against the same run's raw client publish throughput, same
 * Mosquitto. Both are timed where the messages end up: a QoS 1 subscriber on the target topic, from
 * its first message to its last. Each round publishes raw first, then fills a fresh one-partition
 * Kafka topic and starts a sink connector (one task) on it; medians are printed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.mqttbridge.benchmarks.connect.ConnectSinkBenchmark
 *     [records (200000)] [rounds (3)] [payload bytes (100)]</pre>
 */
public final class ConnectSinkBenchmark {

  /** The client's and the sink's bound on unacknowledged publishes (the sink's default). */
  private static final int PENDING = 10_000;
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);

  private ConnectSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    ConnectBenchmarkCluster.quietLogs();
    RunShape shape = RunShape.parse(args);
    int records = shape.records();
    int rounds = shape.rounds();
    byte[] payload = shape.payload();
    Rounds raw = new Rounds(rounds);
    Rounds sink = new Rounds(rounds);
    try (ConnectBenchmarkCluster cluster = ConnectBenchmarkCluster.start()) {
      System.out.println(cluster.describe());
      for (int round = 0; round < rounds; round++) {
        raw.set(round, raw(cluster, "bench/raw/" + round, records, payload));
        sink.set(round, sink(cluster, "sink" + round, records, payload));
        System.out.printf("round %d: raw client %.0f msg/s, sink connector %.0f records/s%n",
            round + 1, raw.get(round), sink.get(round));
      }
    }
    System.out.printf("%d records of %d bytes, QoS 1, %d pending, median of %d: raw client %.0f"
        + " msg/s, sink connector %.0f records/s, ratio %.2f%n", records, shape.payloadBytes(), PENDING,
        rounds, raw.median(), sink.median(), sink.median() / raw.median());
  }

  /** A QoS 1 subscriber on the topic, counting arrivals. */
  private static MqttClient subscriber(ConnectBenchmarkCluster cluster, String topic,
      ArrivalClock clock) {
    MqttClient client = MqttClient.builder().serverUri(cluster.mosquitto().uri())
        .clientId("bench-sub-" + topic.replace('/', '-')).build();
    client.connect().join();
    client.subscribe(MqttSubscription.of(topic, MqttQos.AT_LEAST_ONCE), m -> clock.arrived()).join();
    return client;
  }

  private static double raw(ConnectBenchmarkCluster cluster, String topic, int records,
      byte[] payload) throws Exception {
    ArrivalClock clock = new ArrivalClock(records);
    try (MqttClient subscriber = subscriber(cluster, topic, clock)) {
      WindowedPublisher.publishAll(cluster.mosquitto().uri(), "bench-raw-publisher", topic, records,
          payload, PENDING);
      return clock.awaitRate(ROUND_TIMEOUT);
    }
  }

  private static double sink(ConnectBenchmarkCluster cluster, String name, int records,
      byte[] payload) throws Exception {
    String topic = "bench/" + name;
    cluster.connect().kafka().createTopic(name, 1);
    try (KafkaProducer<byte[], byte[]> producer =
        cluster.connect().kafka().createProducer(Map.of("linger.ms", 20))) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(name, payload));
      }
      producer.flush();
    }
    ArrivalClock clock = new ArrivalClock(records);
    try (MqttClient subscriber = subscriber(cluster, topic, clock)) {
      Map<String, String> props = new HashMap<>();
      props.put("connector.class", MqttSinkConnector.class.getName());
      props.put("tasks.max", "1");
      props.put("topics", name);
      props.put("mqtt.server.uris", cluster.mosquitto().uri());
      props.put("mqtt.topic", topic);
      props.put("mqtt.qos", "1");
      props.put("mqtt.max.pending.records", Integer.toString(PENDING));
      props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
      props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
      cluster.runConnector(name, props);
      try {
        return clock.awaitRate(ROUND_TIMEOUT);
      } finally {
        cluster.connect().deleteConnector(name);
      }
    }
  }
}
