package dev.mqttbridge.kafka.connect.source;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a read of retained messages is complete: a broker sends them from its session queue as the
 * receive window opens, with no marker after the last one, so the read counts as complete once
 * every retained message received was acknowledged (the window is open) and nothing arrived or was
 * acknowledged for a quiet period. Thread-safe: arrivals come on the MQTT callback thread,
 * acknowledgements on the producer's I/O thread, and the task thread asks.
 */
final class RetainedReadProgress {

  private final long quietNanos;
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLong lastActivityNanos;

  /**
   * Progress of a read that starts now.
   *
   * @param quiet how long nothing must happen before the read counts as complete
   * @param nowNanos {@link System#nanoTime()} at the start
   */
  RetainedReadProgress(Duration quiet, long nowNanos) {
    this.quietNanos = quiet.toNanos();
    this.lastActivityNanos = new AtomicLong(nowNanos);
  }

  /** A retained message arrived and waits for its acknowledgement. */
  void received(long nowNanos) {
    received.incrementAndGet();
    outstanding.incrementAndGet();
    lastActivityNanos.set(nowNanos);
  }

  /** A retained message received earlier was acknowledged (call once per message). */
  void acknowledged(long nowNanos) {
    outstanding.decrementAndGet();
    lastActivityNanos.set(nowNanos);
  }

  /** Something else happened that may precede retained messages, e.g. a SUBACK. */
  void activity(long nowNanos) {
    lastActivityNanos.set(nowNanos);
  }

  /** Whether every retained message received was acknowledged and the quiet period passed. */
  boolean isComplete(long nowNanos) {
    return outstanding.get() == 0 && nowNanos - lastActivityNanos.get() >= quietNanos;
  }

  /** Retained messages received so far. */
  int received() {
    return received.get();
  }

  /** Retained messages received and not acknowledged yet. */
  int outstanding() {
    return outstanding.get();
  }
}
