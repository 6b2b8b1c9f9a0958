package dev.mqttbridge.kafka.connect.source;

import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The MQTT messages whose records Kafka has not acknowledged yet, keyed by record identity (two
 * records may be equal, e.g. a redelivered duplicate, and still be two deliveries). Thread-safe:
 * records are added on the MQTT callback thread and completed on the producer's I/O thread.
 */
final class InFlightMessages {

  private final Map<SourceRecord, MqttReceivedMessage> messages = new IdentityHashMap<>();

  /** Remembers the message behind a record until {@link #complete}. */
  synchronized void add(SourceRecord record, MqttReceivedMessage message) {
    messages.put(record, message);
  }

  /**
   * Acknowledges the message behind a record Kafka has (or an SMT dropped). Cheap and
   * non-blocking: the client only queues the acknowledgement for its network thread, which sends
   * it in MQTT order.
   *
   * @return whether the record was in flight
   */
  boolean complete(SourceRecord record) {
    MqttReceivedMessage message;
    synchronized (this) {
      message = messages.remove(record);
    }
    if (message == null) {
      return false;
    }
    message.acknowledge();
    return true;
  }

  /** Forgets a record without acknowledging its message. */
  synchronized void forget(SourceRecord record) {
    messages.remove(record);
  }

  /** How many records wait for Kafka. */
  synchronized int size() {
    return messages.size();
  }

  /** Forgets everything: the messages stay unacknowledged in the broker's session. */
  synchronized void clear() {
    messages.clear();
  }
}
