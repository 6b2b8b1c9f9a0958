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

  private final Queue<Runnable> tasks;
  private final Thread thread;
  /** Set by the thread before it parks; producers only unpark a thread that may sleep. */
  private volatile boolean sleeping;
  private volatile boolean stopping;

  SessionLoop(String name) {
    this(name, new ConcurrentLinkedQueue<>());
  }

  /** With this (empty, thread-safe) task queue; tests use it to hit a race on purpose. */
  SessionLoop(String name, Queue<Runnable> tasks) {
    this.tasks = tasks;
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Any thread: queues the task. It runs, or this throws; never neither.
   *
   * @throws RejectedExecutionException once the loop is closing
   */
  @Override
  public void execute(Runnable task) {
    if (stopping) {
      throw rejected();
    }
    tasks.offer(task);
    // stop() may have come between the check and the offer, and the thread may have ended
    // without seeing the task: take it back and refuse it. If the thread took it first, it runs.
    if (stopping && tasks.remove(task)) {
      throw rejected();
    }
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

  private RejectedExecutionException rejected() {
    return new RejectedExecutionException("Session loop " + thread.getName() + " is stopping");
  }

  private void run() {
    while (true) {
      Runnable task = tasks.poll();
      if (task != null) {
        runSafely(task);
        continue;
      }
      if (stopping || thread.isInterrupted()) {
        stopping = true;
        // Polled again after seeing stopping: a producer that offered before the poll above and
        // then still read stopping as false has its task in the queue now. Any offered later
        // sees stopping and takes its task back (see execute).
        for (Runnable last = tasks.poll(); last != null; last = tasks.poll()) {
          runSafely(last);
        }
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
