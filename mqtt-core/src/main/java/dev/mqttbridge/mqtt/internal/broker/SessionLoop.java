package dev.mqttbridge.mqtt.internal.broker;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session thread: runs tasks in the order they were handed over. Every packet and every routed
 * message is a task, so handing one over must be cheap: a lock-free queue, and the thread is woken
 * only when it has gone to sleep on an empty queue (a {@code ThreadPoolExecutor} takes a lock and
 * signals on every task, which was a tenth of the broker's CPU under load).
 */
final class SessionLoop implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(SessionLoop.class);

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  /** Set by the thread before it parks; producers only unpark a thread that may sleep. */
  private volatile boolean sleeping;
  private volatile boolean stopping;

  SessionLoop(String name) {
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Any thread: queues the task.
   *
   * @throws RejectedExecutionException once the loop is closing
   */
  @Override
  public void execute(Runnable task) {
    if (stopping) {
      throw new RejectedExecutionException("Session loop " + thread.getName() + " is stopping");
    }
    tasks.offer(task);
    // Volatile write (the offer) then read here, volatile write (sleeping) then read of the
    // queue on the thread: one of the two sides always sees the other, so no task is missed.
    if (sleeping) {
      LockSupport.unpark(thread);
    }
  }

  /** Refuses further tasks; the thread runs those already queued, then ends. */
  void stop() {
    stopping = true;
    LockSupport.unpark(thread);
  }

  /** Waits up to {@code timeout} for the thread to end after {@link #stop}, then interrupts it. */
  void awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    thread.join(Math.max(1, unit.toMillis(timeout)));
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }

  private void run() {
    while (true) {
      Runnable task = tasks.poll();
      if (task != null) {
        runSafely(task);
        continue;
      }
      if (stopping || thread.isInterrupted()) {
        return;
      }
      sleeping = true;
      if (tasks.isEmpty() && !stopping) {
        LockSupport.park(this);
      }
      sleeping = false;
    }
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) { // one failing task must not stop the session thread
      LOG.error("A session task failed", e);
    }
  }
}
