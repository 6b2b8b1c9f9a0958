package dev.mqttbridge.benchmarks.connect;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Times the arrival of an expected number of messages where they end up (an MQTT subscriber, a
 * Kafka consumer): the rate runs from the first arrival to the last, so start-up (a connector's
 * rebalance, a client's connect) stays out of it. Thread-safe.
 */
final class ArrivalClock {

  private final int expected;
  private final AtomicInteger arrived = new AtomicInteger();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long first;
  private volatile long last;

  ArrivalClock(int expected) {
    if (expected < 2) {
      throw new IllegalArgumentException("A rate needs at least 2 messages, not " + expected);
    }
    this.expected = expected;
  }

  /** One message arrived. */
  void arrived() {
    long now = System.nanoTime();
    int count = arrived.incrementAndGet();
    if (count == 1) {
      first = now;
    }
    if (count == expected) {
      last = now;
      done.countDown();
    }
  }

  /** How many arrived so far. */
  int count() {
    return arrived.get();
  }

  /**
   * Waits for the last expected message.
   *
   * @return messages per second from the first arrival to the last
   * @throws TimeoutException naming how many arrived, when the rest does not come in time
   */
  double awaitRate(Duration timeout) throws InterruptedException, TimeoutException {
    if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new TimeoutException(arrived.get() + " of " + expected + " messages arrived within "
          + timeout);
    }
    return (expected - 1) / ((last - first) / 1e9);
  }
}
