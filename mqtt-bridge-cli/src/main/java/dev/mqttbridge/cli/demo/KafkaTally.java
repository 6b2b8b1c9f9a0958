package dev.mqttbridge.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every {@code telemetry.*} topic from the start and counts this run's messages by id and
 * topic, timing each from its send time to now.
 */
final class KafkaTally implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TELEMETRY = Pattern.compile("telemetry\\.(?!errors$).+");

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String runPrefix;
  private final Thread thread;
  private final Set<String> received = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> perTopic = new ConcurrentHashMap<>();
  private final AtomicLong duplicates = new AtomicLong();
  // Next offset per partition: a rebalance (a new telemetry topic matched the pattern) rewinds
  // the uncommitted consumer to the start, and records read again are not Kafka duplicates.
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>(); // tally thread only
  private final LatencyRecorder latency = new LatencyRecorder();

  KafkaTally(String bootstrapServers, String runId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "mqtt-bridge-demo-tally-" + runId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // New telemetry topics appear as lines start reporting: notice them within a second.
    props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    this.runPrefix = runId + "-";
    this.thread = new Thread(this::run, "kafka-tally");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  Set<String> received() {
    return received;
  }

  long duplicates() {
    return duplicates.get();
  }

  LatencyRecorder latency() {
    return latency;
  }

  /** This run's message count per Kafka topic, by topic name. */
  Map<String, Long> perTopic() {
    Map<String, Long> counts = new TreeMap<>();
    perTopic.forEach((topic, count) -> counts.put(topic, count.get()));
    return counts;
  }

  private void run() {
    try {
      consumer.subscribe(TELEMETRY);
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          count(record);
        }
      }
    } catch (WakeupException closing) {
      // close() asked us to stop
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void count(ConsumerRecord<byte[], byte[]> record) {
    long now = System.currentTimeMillis();
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (record.offset() < nextOffsets.getOrDefault(partition, 0L)) {
      return; // read again after a rebalance
    }
    nextOffsets.put(partition, record.offset() + 1);
    JsonNode value;
    try {
      value = JSON.readTree(record.value());
    } catch (IOException | RuntimeException notOurs) {
      return;
    }
    String id = value == null ? "" : value.path("id").asText();
    if (!id.startsWith(runPrefix)) {
      return; // an earlier run's message on a shared external Kafka
    }
    if (!received.add(id)) {
      duplicates.incrementAndGet(); // at-least-once: redelivered after a lost acknowledgement
      return;
    }
    perTopic.computeIfAbsent(record.topic(), t -> new AtomicLong()).incrementAndGet();
    latency.record(now - value.path("ts").asLong(now));
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(10_000);
  }
}
