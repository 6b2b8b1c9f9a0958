package dev.mqttbridge.mqtt.internal.broker.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages routed to one session and handed to its thread but not yet taken there: the one part
 * of a session other threads write. Routing checks it before handing over another message, so a
 * publisher faster than the receiving session's thread cannot grow the broker's memory without
 * limit: above the limit QoS 0 messages are dropped, and QoS 1 and 2 publishers are held (see
 * {@link #whenDrained}) until the backlog is down to half. Lock-free.
 */
public final class DeliveryBacklog {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryBacklog.class);

  private final int limit;
  private final AtomicInteger size = new AtomicInteger();
  private final Queue<Runnable> drainedActions = new ConcurrentLinkedQueue<>();

  /** A backlog that is full at {@code limit} messages (at least 1). */
  public DeliveryBacklog(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("Backlog limit must be at least 1: " + limit);
    }
    this.limit = limit;
  }

  /** Any thread: counts one more message unless the backlog is full. */
  public boolean tryAdd() {
    if (size.get() >= limit) {
      return false;
    }
    size.incrementAndGet();
    return true;
  }

  /** Any thread: counts one more message even when full (its publisher is being held). */
  public void add() {
    size.incrementAndGet();
  }

  /** The session's thread took a message; once down to half, held publishers are released. */
  public void taken() {
    if (size.decrementAndGet() <= limit / 2 && !drainedActions.isEmpty()) {
      runDrainedActions();
    }
  }

  /**
   * Runs the action once the backlog is down to half its limit: at once if it already is, else
   * on the session's thread when it gets there. Each action runs exactly once.
   */
  public void whenDrained(Runnable action) {
    drainedActions.add(action);
    if (size.get() <= limit / 2) { // it may have drained before the action was added
      runDrainedActions();
    }
  }

  /** Messages handed over and not yet taken. */
  public int size() {
    return size.get();
  }

  /** The number of messages at which the backlog counts as full. */
  public int limit() {
    return limit;
  }

  private void runDrainedActions() {
    for (Runnable action = drainedActions.poll(); action != null;
        action = drainedActions.poll()) {
      try {
        action.run();
      } catch (RuntimeException e) { // one publisher's failure must not stall the delivery
        LOG.warn("Releasing a held publisher failed", e);
      }
    }
  }
}
