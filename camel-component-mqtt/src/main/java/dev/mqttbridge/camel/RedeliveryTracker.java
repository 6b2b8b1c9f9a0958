package dev.mqttbridge.camel;

import dev.mqttbridge.mqtt.MqttMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failures per message, for the consumer's broker redelivery mode. MQTT has no delivery
 * count and a redelivered PUBLISH may carry another packet id, so a message is known by its
 * identity: topic, payload and correlation data (a SHA-256 digest). Bounded: the least recently
 * failed entries are forgotten first. Thread-safe.
 */
final class RedeliveryTracker {

  private final Map<String, Integer> failures;

  RedeliveryTracker(int capacity) {
    this.failures = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The identity of a message: equal for a redelivery of the same message. */
  static String identity(MqttMessage message) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(message.topic().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(message.unsafePayload());
      byte[] correlation = message.unsafeCorrelationData();
      if (correlation != null) {
        digest.update((byte) 1);
        digest.update(correlation);
      }
      return Base64.getEncoder().encodeToString(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** How many times the message with this identity failed so far. */
  synchronized int failures(String identity) {
    return failures.getOrDefault(identity, 0);
  }

  /** Records one more failure; returns the new count. */
  synchronized int recordFailure(String identity) {
    return failures.merge(identity, 1, Integer::sum);
  }

  /** Forgets the message: it succeeded or was dead lettered. */
  synchronized void forget(String identity) {
    failures.remove(identity);
  }

  synchronized void clear() {
    failures.clear();
  }
}
