package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchingExecutorTest {

  @Test
  void burst_oneDrain_runsTasksInCallOrder() {
    List<Runnable> drains = new ArrayList<>();
    BatchingExecutor executor = new BatchingExecutor(drains::add);
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      executor.execute(() -> ran.add(n));
    }
    assertThat(drains).as("one drain for the burst").hasSize(1);
    drains.remove(0).run();
    assertThat(ran).containsExactly(0, 1, 2, 3, 4);

    executor.execute(() -> ran.add(5));
    assertThat(drains).as("a new burst schedules a new drain").hasSize(1);
  }

  @Test
  void concurrentProducers_onARealThread_everyTaskRunsOnce_inEachProducersOrder() throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      BatchingExecutor executor = new BatchingExecutor(thread);
      int perProducer = 20_000;
      int[] counts = new int[2];
      boolean[] outOfOrder = new boolean[1];
      CountDownLatch done = new CountDownLatch(2 * perProducer);
      List<Thread> producers = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        int producer = p;
        int[] last = {-1};
        producers.add(new Thread(() -> {
          for (int i = 0; i < perProducer; i++) {
            int n = i;
            executor.execute(() -> {
              // Runs on the one executor thread: plain fields are safe.
              outOfOrder[0] |= n != last[0] + 1;
              last[0] = n;
              counts[producer]++;
              done.countDown();
            });
          }
        }));
      }
      producers.forEach(Thread::start);
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(thread.submit(() -> counts.clone()).get()).containsExactly(perProducer, perProducer);
      assertThat(thread.submit(() -> outOfOrder[0]).get()).isFalse();
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void failingTask_doesNotStrandTheOnesBehindIt() {
    List<Runnable> drains = new ArrayList<>();
    BatchingExecutor executor = new BatchingExecutor(drains::add);
    List<String> ran = new ArrayList<>();
    executor.execute(() -> {
      throw new IllegalStateException("handler bug");
    });
    executor.execute(() -> ran.add("after"));
    drains.remove(0).run();
    assertThat(ran).containsExactly("after");
    executor.execute(() -> ran.add("next burst"));
    drains.remove(0).run();
    assertThat(ran).containsExactly("after", "next burst");
  }

  @Test
  void targetShutDown_tasksRunInTheCallingThread() {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    thread.shutdown();
    BatchingExecutor executor = new BatchingExecutor(thread);
    List<String> ran = new ArrayList<>();
    executor.execute(() -> ran.add(Thread.currentThread().getName()));
    assertThat(ran).containsExactly(Thread.currentThread().getName());
  }
}
