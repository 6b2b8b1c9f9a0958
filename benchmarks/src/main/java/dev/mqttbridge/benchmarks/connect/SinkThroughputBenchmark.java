package dev.mqttbridge.benchmarks.connect;

import dev.mqttbridge.kafka.connect.MqttSinkTask;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Load benchmark (not JMH, run by hand): QoS 1 records/s of the sink task ({@code put} in batches of
 * 500 as Connect's consumer hands them, {@code preCommit} until every offset is acknowledged)
 * against the same run's raw client publish throughput with the same pending bound, same broker.
 * Kafka itself is out of the loop: the records are built in memory, so the ratio is the sink's own
 * cost over the client's. Rounds alternate raw and sink; medians are printed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.mqttbridge.benchmarks.connect.SinkThroughputBenchmark
 *     [tcp://host:port|embedded] [records] [rounds] [payload bytes]</pre>
 */
public final class SinkThroughputBenchmark {

  private static final int BATCH = 500;
  private static final int PENDING = 10_000;

  private SinkThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    String target = args.length > 0 ? args[0] : "embedded";
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int payloadBytes = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    MqttBroker embedded = null;
    String uri = target;
    if (target.equals("embedded")) {
      embedded = MqttBroker.builder().host("127.0.0.1").port(0).build().start();
      uri = embedded.uri();
    }
    try {
      byte[] payload = new byte[payloadBytes];
      Arrays.fill(payload, (byte) 'x');
      double[] raw = new double[rounds];
      double[] sink = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        raw[round] = raw(uri, records, payload);
        sink[round] = sink(uri, records, payload, round);
        System.out.printf("round %d: raw client %.0f msg/s, sink task %.0f records/s%n",
            round + 1, raw[round], sink[round]);
      }
      double rawMedian = median(raw);
      double sinkMedian = median(sink);
      System.out.printf("broker %s, %d records of %d bytes, QoS 1, %d pending: raw %.0f msg/s,"
          + " sink %.0f records/s, ratio %.2f%n", target, records, payloadBytes, PENDING,
          rawMedian, sinkMedian, sinkMedian / rawMedian);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static double raw(String uri, int records, byte[] payload) throws Exception {
    try (MqttClient client = MqttClient.builder().serverUri(uri).clientId("bench-raw")
        .maximumPendingPublishes(PENDING).build()) {
      client.connect().join();
      Semaphore room = new Semaphore(PENDING);
      long start = System.nanoTime();
      for (int i = 0; i < records; i++) {
        room.acquire();
        client.publish(MqttMessage.builder("bench/raw").payload(payload).qos(1).build())
            .whenComplete((result, error) -> room.release());
      }
      room.acquire(PENDING);
      return records / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double sink(String uri, int records, byte[] payload, int round) throws Exception {
    MqttSinkTask task = new MqttSinkTask();
    task.initialize(new BenchContext());
    Map<String, String> props = new HashMap<>();
    props.put("name", "bench-sink-" + round);
    props.put("mqtt.server.uris", uri);
    props.put("mqtt.topic", "bench/{kafka.topic}");
    props.put("mqtt.max.pending.records", Integer.toString(PENDING));
    task.start(props);
    TopicPartition partition = new TopicPartition("sink", 0);
    Map<TopicPartition, OffsetAndMetadata> current = Map.of(partition, new OffsetAndMetadata(0));
    try {
      long start = System.nanoTime();
      for (int offset = 0; offset < records; offset += BATCH) {
        List<SinkRecord> batch = new ArrayList<>(BATCH);
        for (int i = offset; i < Math.min(records, offset + BATCH); i++) {
          batch.add(new SinkRecord("sink", 0, null, null, null, payload, i));
        }
        task.put(batch);
      }
      while (!Long.valueOf(records).equals(committed(task.preCommit(current), partition))) {
        Thread.sleep(1);
      }
      return records / ((System.nanoTime() - start) / 1e9);
    } finally {
      task.stop();
    }
  }

  private static Long committed(Map<TopicPartition, OffsetAndMetadata> offsets, TopicPartition p) {
    OffsetAndMetadata offset = offsets.get(p);
    return offset == null ? null : offset.offset();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The worker side the task needs: nothing to rewind or report in this benchmark. */
  private static final class BenchContext implements SinkTaskContext {
    @Override
    public Map<String, String> configs() {
      return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
      throw new IllegalStateException("connection lost during the benchmark: " + offsets);
    }

    @Override
    public void offset(TopicPartition partition, long offset) {
      throw new IllegalStateException("connection lost during the benchmark");
    }

    @Override
    public void timeout(long timeoutMs) {}

    @Override
    public Set<TopicPartition> assignment() {
      return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {}

    @Override
    public void resume(TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public PluginMetrics pluginMetrics() {
      throw new UnsupportedOperationException("The sink task does not use plugin metrics");
    }
  }
}
