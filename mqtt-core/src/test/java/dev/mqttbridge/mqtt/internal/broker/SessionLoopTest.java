package dev.mqttbridge.mqtt.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SessionLoopTest {

  @Test
  void tasksFromSeveralThreads_runOnOneThreadInEachSendersOrder() throws Exception {
    SessionLoop loop = new SessionLoop("test-session");
    int perSender = 20_000;
    List<int[]> ran = new ArrayList<>(); // touched by the loop's thread only
    List<Thread> threads = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    for (int sender = 0; sender < 2; sender++) {
      int id = sender;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < perSender; i++) {
          int n = i;
          loop.execute(() -> ran.add(new int[] {id, n}));
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    Thread[] runner = new Thread[1];
    loop.execute(() -> {
      runner[0] = Thread.currentThread();
      done.countDown();
    });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(runner[0].getName()).isEqualTo("test-session");
    assertThat(ran).hasSize(2 * perSender);
    int[] next = new int[2];
    for (int[] task : ran) {
      assertThat(task[1]).as("sender %d", task[0]).isEqualTo(next[task[0]]++);
    }
    loop.stop();
    loop.awaitStopped(5, TimeUnit.SECONDS);
  }

  @Test
  void failingTask_loopCarriesOn() throws Exception {
    SessionLoop loop = new SessionLoop("test-session");
    CountDownLatch after = new CountDownLatch(1);
    loop.execute(() -> {
      throw new IllegalStateException("expected by the test");
    });
    loop.execute(after::countDown);
    assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    loop.stop();
    loop.awaitStopped(5, TimeUnit.SECONDS);
  }

  @Test
  void stop_queuedTasksStillRun_laterOnesRefused() throws Exception {
    SessionLoop loop = new SessionLoop("test-session");
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch queuedRan = new CountDownLatch(1);
    loop.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    loop.execute(queuedRan::countDown);

    loop.stop();
    assertThatThrownBy(() -> loop.execute(() -> { }))
        .isInstanceOf(RejectedExecutionException.class);
    release.countDown();
    loop.awaitStopped(10, TimeUnit.SECONDS);
    assertThat(queuedRan.getCount()).isZero();
  }

  @Test
  void stopBetweenCheckAndQueueing_threadAlreadyEnded_taskRefusedNotLost() throws Exception {
    SessionLoop[] loop = new SessionLoop[1];
    ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>() {
      @Override
      public boolean offer(Runnable task) {
        // execute() has passed its check: the loop stops and its thread ends right here.
        loop[0].stop();
        try {
          loop[0].awaitStopped(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        return super.offer(task);
      }
    };
    loop[0] = new SessionLoop("test-session", queue);
    AtomicBoolean ran = new AtomicBoolean();

    assertThatThrownBy(() -> loop[0].execute(() -> ran.set(true)))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(queue).isEmpty();
    assertThat(ran).isFalse();
  }

  @Test
  void taskQueuedAfterThreadFoundQueueEmpty_thenStop_taskStillRuns() throws Exception {
    CountDownLatch polledEmpty = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    AtomicBoolean pauseOnce = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>() {
      @Override
      public Runnable poll() {
        Runnable task = super.poll();
        if (task == null && pauseOnce.compareAndSet(true, false)) {
          // The thread found nothing and has not yet looked at the stopping flag.
          polledEmpty.countDown();
          try {
            resume.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return task;
      }
    };
    SessionLoop loop = new SessionLoop("test-session", queue);
    assertThat(polledEmpty.await(10, TimeUnit.SECONDS)).isTrue();
    CountDownLatch ran = new CountDownLatch(1);

    loop.execute(ran::countDown); // accepted: the loop was not stopping yet
    loop.stop();
    resume.countDown();

    assertThat(ran.await(10, TimeUnit.SECONDS)).as("accepted task ran").isTrue();
    loop.awaitStopped(10, TimeUnit.SECONDS);
  }
}
