package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
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

  private DeliveryCount(int expected, BitSet seen, long records) {
    this.expected = expected;
    this.seen = seen;
    this.records = records;
  }

  static DeliveryCount read(EmbeddedKafkaCluster kafka, String topic, int count, Duration timeout) {
    BitSet seen = new BitSet(count);
    long records = 0;
    Map<String, Object> props = Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(props, topic)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (seen.cardinality() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          records++;
          seen.set(Integer.parseInt(new String(record.value(), UTF_8)));
        }
      }
      // Late duplicates may still be in flight: one more short read.
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
        records++;
        seen.set(Integer.parseInt(new String(record.value(), UTF_8)));
      }
    }
    return new DeliveryCount(count, seen, records);
  }

  int distinct() {
    return seen.cardinality();
  }

  long duplicates() {
    return records - distinct();
  }

  /** The first few missing numbers, for the failure message. */
  List<Integer> firstMissing() {
    return IntStream.range(0, expected).filter(i -> !seen.get(i)).limit(20).boxed().toList();
  }
}
