package dev.mqttbridge.kafka.connect.source;

import java.time.Duration;

/**
 * When to try connecting a slot again: after 1 s, doubling up to 1 min. Immutable; each failure
 * gives the next schedule.
 *
 * @param slot the slot
 * @param attempts failed attempts so far
 * @param nextAttemptNanos {@link System#nanoTime()} of the next attempt
 */
record SlotRetry(int slot, int attempts, long nextAttemptNanos) {

  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofMinutes(1);

  /** The schedule after the first failure. */
  static SlotRetry afterFirstFailure(int slot, long nowNanos) {
    return new SlotRetry(slot, 1, nowNanos + delay(1).toNanos());
  }

  /** The schedule after one more failure. */
  SlotRetry afterFailure(long nowNanos) {
    return new SlotRetry(slot, attempts + 1, nowNanos + delay(attempts + 1).toNanos());
  }

  boolean isDue(long nowNanos) {
    return nowNanos - nextAttemptNanos >= 0;
  }

  /** The wait after this many failed attempts. */
  static Duration delay(int attempts) {
    long millis = FIRST_DELAY.toMillis() << Math.min(attempts - 1, 16);
    return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
  }
}
