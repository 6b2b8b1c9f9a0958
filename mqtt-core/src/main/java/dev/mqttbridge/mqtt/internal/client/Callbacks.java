package dev.mqttbridge.mqtt.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs application code off the event loop: message handlers on the handler executor, future
 * completions (and whatever the application chains onto them) and connection events on the
 * completion executor. The two are apart so that a handler that waits for a future, for example a
 * {@code subscribe(...).join()} inside {@code onMessage}, is not waiting for its own thread.
 */
final class Callbacks {

  private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

  private final Executor handlers;
  private final Executor completions;

  Callbacks(Executor handlers, Executor completions) {
    this.handlers = handlers;
    this.completions = completions;
  }

  /** Both kinds on one executor: for tests. */
  Callbacks(Executor executor) {
    this(executor, executor);
  }

  <T> void complete(CompletableFuture<T> future, T value) {
    execute(completions, () -> future.complete(value));
  }

  void fail(CompletableFuture<?> future, Throwable cause) {
    execute(completions, () -> future.completeExceptionally(cause));
  }

  /** Runs a connection event for the application's listener. */
  void notify(Runnable event) {
    execute(completions, () -> {
      try {
        event.run();
      } catch (RuntimeException e) {
        LOG.warn("Connection listener failed", e);
      }
    });
  }

  /** Runs a message handler. */
  void run(Runnable task) {
    execute(handlers, task);
  }

  private static void execute(Executor executor, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // The executor is shut down (client closing): completing in place beats never completing.
      LOG.debug("Callback executor rejected a task; running it in place", e);
      task.run();
    }
  }
}
