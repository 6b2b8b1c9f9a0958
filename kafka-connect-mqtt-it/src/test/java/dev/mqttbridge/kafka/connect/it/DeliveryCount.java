package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * Reads a topic of messages numbered 0..count-1 until each number arrived or time runs out, and
 * counts what arrived more than once.
 */
final class DeliveryCount {

  final int expected;
  final BitSet seen;
  final long records;
  /** Runs of records that repeated an earlier number, as "offset+length:firstValue", at most 20. */
  final List<String> duplicateRuns;

  private DeliveryCount(int expected, BitSet seen, long records, List<String> duplicateRuns) {
    this.expected = expected;
    this.seen = seen;
    this.records = records;
    this.duplicateRuns = duplicateRuns;
  }

  static DeliveryCount read(EmbeddedKafkaCluster kafka, String topic, int count, Duration timeout) {
    BitSet seen = new BitSet(count);
    long records = 0;
    DuplicateRuns runs = new DuplicateRuns();
    Map<String, Object> props = Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(props, topic)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen.cardinality() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          records++;
          runs.add(record.offset(), seen, Integer.parseInt(new String(record.value(), UTF_8)));
        }
      }
      // Late duplicates may still be in flight: one more short read.
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
        records++;
        runs.add(record.offset(), seen, Integer.parseInt(new String(record.value(), UTF_8)));
      }
    }
    return new DeliveryCount(count, seen, records, runs.runs());
  }

  int distinct() {
    return seen.cardinality();
  }

  long duplicates() {
    return records - distinct();
  }

  /** Marks a record's number seen; remembers where repeated numbers came, in runs. */
  private static final class DuplicateRuns {
    private final List<String> runs = new ArrayList<>();
    private long runStart = -1;
    private long runEnd = -1;
    private int runFirst;

    void add(long offset, BitSet seen, int value) {
      if (seen.get(value)) {
        if (offset != runEnd + 1) {
          close();
          runStart = offset;
          runFirst = value;
        }
        runEnd = offset;
      }
      seen.set(value);
    }

    private void close() {
      if (runStart >= 0 && runs.size() < 20) {
        runs.add(runStart + "+" + (runEnd - runStart + 1) + ":" + runFirst);
      }
      runStart = -1;
    }

    List<String> runs() {
      close();
      return List.copyOf(runs);
    }
  }

  /** The first few missing numbers, for the failure message. */
  List<Integer> firstMissing() {
    return IntStream.range(0, expected).filter(i -> !seen.get(i)).limit(20).boxed().toList();
  }
}
