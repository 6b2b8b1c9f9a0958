package dev.mqttbridge.mqtt.internal.broker;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Session expiry and will delay timers on the injected clock. A ticker compares due times with the
 * clock, so a test clock that jumps ahead fires them on the next tick; each due client is then
 * checked on its own session thread, which decides what is really due (a deadline may be stale
 * after a reconnect). Holds one entry per client with a future deadline: a tick costs O(clients
 * waiting), which is fine for embedded use.
 */
public final class Deadlines implements AutoCloseable {

  private final ConcurrentMap<String, Long> dueByClient = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final Consumer<String> check;
  private final ScheduledFuture<?> ticker;

  /**
   * @param clock milliseconds on the broker's clock
   * @param check runs the checks for one client (hands over to its session thread)
   * @param timer runs the ticker, or {@code null} for none (tests call {@link #tick()})
   * @param tickMillis how often the ticker runs
   */
  public Deadlines(
      LongSupplier clock, Consumer<String> check, ScheduledExecutorService timer, long tickMillis) {
    this.clock = clock;
    this.check = check;
    this.ticker = timer == null ? null
        : timer.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /** Asks for a check of this client at this time (the earliest request wins). */
  public void schedule(String clientId, long atMillis) {
    dueByClient.merge(clientId, atMillis, Math::min);
  }

  /** Hands every client whose time has come to its check. */
  public void tick() {
    long now = clock.getAsLong();
    for (Iterator<Map.Entry<String, Long>> it = dueByClient.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> entry = it.next();
      if (entry.getValue() <= now && dueByClient.remove(entry.getKey(), entry.getValue())) {
        try {
          check.accept(entry.getKey());
        } catch (RejectedExecutionException stopping) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.cancel(false);
    }
  }
}
