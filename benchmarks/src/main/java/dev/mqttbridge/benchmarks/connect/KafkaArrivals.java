package dev.mqttbridge.benchmarks.connect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * A consumer on partition 0 of a topic, assigned (no group join) and polling on its own thread
 * before anything is written, so that arrivals are timed as they happen, not read from a backlog.
 */
final class KafkaArrivals implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Starts polling the topic's partition 0 from its end.
   *
   * @param counted which records the clock counts
   */
  KafkaArrivals(EmbeddedKafkaCluster kafka, String topic, ArrivalClock clock,
      Predicate<ConsumerRecord<byte[], byte[]>> counted) {
    consumer = kafka.createConsumer(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.position(partition); // resolves "latest" now, before anything is written
    thread = new Thread(() -> {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (counted.test(record)) {
            clock.arrived();
          }
        }
      }
    }, "kafka-arrivals-" + topic);
    thread.start();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
    consumer.close();
  }
}
