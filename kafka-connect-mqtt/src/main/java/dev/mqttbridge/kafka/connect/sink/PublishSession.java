package dev.mqttbridge.kafka.connect.sink;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT connection of a sink task and its bound on unacknowledged publishes. A lost connection
 * is not repaired here: the task replaces the session and reads the unacknowledged records again
 * from Kafka, which keeps their order.
 */
public final class PublishSession implements AutoCloseable {

  private static final long CHECK_INTERVAL_MS = 100;

  private final MqttClient client;
  private final Semaphore room;
  private volatile boolean broken;

  /**
   * A session over a connected client.
   *
   * @param maxPending most publishes not yet complete; the client's pending queue must hold them
   */
  public PublishSession(MqttClient client, int maxPending) {
    this.client = client;
    this.room = new Semaphore(maxPending);
  }

  /** Whether the connection is lost, or a publish failed in a way only a new session repairs. */
  public boolean isBroken() {
    return broken || !client.isConnected();
  }

  /**
   * Waits until fewer than the bound of publishes are incomplete, and takes a place.
   *
   * @return false when no place came within the timeout or the session broke meanwhile
   */
  public boolean awaitRoom(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!room.tryAcquire(CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
      if (isBroken() || System.nanoTime() > deadline) {
        return false;
      }
    }
    return true;
  }

  /** Publishes, using the place {@link #awaitRoom} took; it is given back at completion. */
  public CompletableFuture<MqttPublishResult> publish(MqttMessage message) {
    CompletableFuture<MqttPublishResult> result;
    try {
      result = client.publish(message);
    } catch (RuntimeException e) {
      room.release();
      broken = true;
      return CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((ok, error) -> {
      room.release();
      if (error != null) {
        broken = true;
      }
    });
  }

  /** The client's id. */
  public String clientId() {
    return client.clientId();
  }

  @Override
  public void close() {
    client.close();
  }
}
