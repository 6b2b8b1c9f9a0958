package dev.mqttbridge.mqtt.internal.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that own session state, after Moquette's session event loops: a client identifier
 * always maps to the same single thread, so a session's state (and the CONNECT that creates or
 * takes it over) is touched by one thread only, without locks. Routing hands a message to the
 * target session's thread.
 */
public final class SessionLoops implements AutoCloseable {

  private final List<SessionLoop> loops;

  /** Starts {@code count} daemon threads named after the broker instance. */
  public SessionLoops(int count, String namePrefix) {
    List<SessionLoop> created = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      created.add(new SessionLoop(namePrefix + "-session-" + i));
    }
    this.loops = List.copyOf(created);
  }

  /** The thread that owns this client's session. */
  public Executor loopFor(String clientId) {
    return loops.get(Math.floorMod(clientId.hashCode(), loops.size()));
  }

  @Override
  public void close() {
    loops.forEach(SessionLoop::stop);
    for (SessionLoop loop : loops) {
      try {
        loop.awaitStopped(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static ThreadFactory daemon(String name) {
    AtomicInteger unused = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, unused.getAndIncrement() == 0 ? name : name + "-x");
      thread.setDaemon(true);
      return thread;
    };
  }
}
