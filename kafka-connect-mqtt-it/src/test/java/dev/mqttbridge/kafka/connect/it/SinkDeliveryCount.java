package dev.mqttbridge.kafka.connect.it;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/** Counts MQTT messages whose payload is a sequence number 0..expected-1: distinct and duplicates. */
final class SinkDeliveryCount {

  final int expected;
  private final AtomicIntegerArray seen;
  private final AtomicLong distinct = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  SinkDeliveryCount(int expected) {
    this.expected = expected;
    this.seen = new AtomicIntegerArray(expected);
  }

  /** Counts one payload. */
  void add(byte[] payload) {
    int sequence = Integer.parseInt(new String(payload, StandardCharsets.UTF_8));
    if (seen.getAndIncrement(sequence) == 0) {
      distinct.incrementAndGet();
    } else {
      duplicates.incrementAndGet();
    }
  }

  long distinct() {
    return distinct.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  /** Up to ten sequence numbers never received. */
  String firstMissing() {
    StringBuilder out = new StringBuilder();
    int found = 0;
    for (int i = 0; i < expected && found < 10; i++) {
      if (seen.get(i) == 0) {
        out.append(i).append(' ');
        found++;
      }
    }
    return out.toString().trim();
  }
}
