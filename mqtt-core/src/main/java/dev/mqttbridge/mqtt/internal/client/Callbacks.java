package dev.mqttbridge.mqtt.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs application code (future completions, message handlers) on the callback executor, so that
 * nothing the application chains onto a future ever runs on the event loop.
 */
final class Callbacks {

  private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

  private final Executor executor;

  Callbacks(Executor executor) {
    this.executor = executor;
  }

  <T> void complete(CompletableFuture<T> future, T value) {
    run(() -> future.complete(value));
  }

  void fail(CompletableFuture<?> future, Throwable cause) {
    run(() -> future.completeExceptionally(cause));
  }

  void run(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // The executor is shut down (client closing): completing in place beats never completing.
      LOG.debug("Callback executor rejected a task; running it in place", e);
      task.run();
    }
  }
}
