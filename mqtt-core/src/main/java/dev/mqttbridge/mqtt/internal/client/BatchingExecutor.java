package dev.mqttbridge.mqtt.internal.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands tasks to a single-threaded executor in bursts: tasks queue in a lock-free queue and one
 * drain task runs them, in order, so a burst of PUBACK completions wakes the executor's thread once
 * instead of once per task. Only for executors that run one task at a time anyway (the client's
 * own threads): the application's executor keeps getting one task per call.
 */
final class BatchingExecutor implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(BatchingExecutor.class);
  /** Tasks per drain before it yields its thread to whatever else the executor has queued. */
  private static final int MAXIMUM_BATCH = 1_024;

  private final Executor target;
  // Not a single-consumer queue: when the target rejects, the caller drains it as well.
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;

  BatchingExecutor(Executor target) {
    this.target = target;
  }

  /**
   * Queues the task. When the target rejects the drain (it is shut down), the queued tasks run in
   * the calling thread: completing late beats never completing.
   */
  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    scheduleDrain();
  }

  private void scheduleDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      try {
        target.execute(drain);
      } catch (RejectedExecutionException e) {
        LOG.debug("Executor rejected the drain; running its tasks in place", e);
        drain();
      }
    }
  }

  private void drain() {
    for (int ran = 0; ran < MAXIMUM_BATCH; ran++) {
      Runnable task = tasks.poll();
      if (task == null) {
        drainScheduled.set(false);
        // A task queued after the poll and before the reset found the drain still scheduled.
        if (tasks.isEmpty() || !drainScheduled.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        // One failing task must not strand the ones behind it.
        LOG.warn("Callback task failed", e);
      }
    }
    drainScheduled.set(false);
    scheduleDrain();
  }
}
