package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes messages 0..count-1 (payload: the decimal index) at QoS 1 (or 2) on a background
 * thread, at most a window unacknowledged, so a test can break things while the stream flows.
 */
final class QosStream {

  private final MqttClient client;
  private final String topic;
  private final int count;
  private final int qos;
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  QosStream(MqttClient client, String topic, int count) {
    this(client, topic, count, 1);
  }

  QosStream(MqttClient client, String topic, int count, int qos) {
    this.client = client;
    this.topic = topic;
    this.count = count;
    this.qos = qos;
  }

  /** Starts publishing; {@link #done()} completes once the broker acknowledged every message. */
  QosStream start() {
    Thread thread = new Thread(this::run, "qos-stream-" + topic);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  private void run() {
    Semaphore window = new Semaphore(500);
    try {
      for (int i = 0; i < count; i++) {
        window.acquire();
        client.publish(MqttMessage.builder(topic).payload(Integer.toString(i).getBytes(UTF_8)).qos(qos).build())
            .whenComplete((result, error) -> {
              window.release();
              if (error != null) {
                done.completeExceptionally(error);
              } else if (acknowledged.incrementAndGet() == count) {
                done.complete(null);
              }
            });
      }
    } catch (InterruptedException e) {
      done.completeExceptionally(e);
    }
  }

  /** How many messages the broker acknowledged so far. */
  int acknowledged() {
    return acknowledged.get();
  }

  CompletableFuture<Void> done() {
    return done;
  }
}
