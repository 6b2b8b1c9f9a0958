package dev.mqttbridge.benchmarks.client;

import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Publish throughput at QoS 0/1/2 and 1-to-1 delivery latency through one Mosquitto, for our
 * client, HiveMQ 1.4.2 and Paho 1.2.5, in one run: a load harness (not JMH) that prints a Markdown
 * table.
 *
 * <p>Every client gets the same setup: MQTT 5, one publisher and one subscriber of the same library
 * on the same topic and QoS, the same payload, at most {@code window} unacknowledged publishes (a
 * semaphore in the harness, the client's own window where it has one, and Mosquitto's
 * {@code max_inflight_messages}), Mosquitto with {@code max_queued_messages 0} so nothing is
 * dropped. Throughput counts from the first publish until the subscriber has every message and the
 * publisher every acknowledgement. Latency: one message at a time at QoS 1, publish to receipt.
 *
 * <p>Arguments (all optional): messages per run (default 50000), payload bytes (64), window (100),
 * latency samples (2000), rounds (3; the best round is reported, after a warm-up of every client), clients
 * (comma-separated names out of {@code ours,hivemq,paho}; default all three).
 */
public final class ClientBenchmark {

  /**
   * Full-size unmeasured rounds per client and QoS before any client is measured ({@code
   * -Dclient.warmups=K}); 0 keeps one quarter-size round. A 2-core machine's C2 compiler otherwise
   * competes with the measured rounds for a core, which made our client's CPU per message swing
   * between 13 and 21 µs from one invocation to the next.
   */
  private static final int WARMUPS = Integer.getInteger("client.warmups", 0);

  private final int messages;
  private final int payloadSize;
  private final int window;
  private final int latencySamples;
  private final int rounds;
  private final List<IntFunction<BenchmarkClient>> clients;

  private ClientBenchmark(String[] args) {
    messages = argument(args, 0, 50_000);
    payloadSize = argument(args, 1, 64);
    window = argument(args, 2, 100);
    latencySamples = argument(args, 3, 2_000);
    rounds = argument(args, 4, 3);
    clients = args.length > 5 ? Arrays.stream(args[5].split(",")).map(ClientBenchmark::client).toList()
        : List.of(OurClient::new, HiveMqClient::new, PahoClient::new);
  }

  private static IntFunction<BenchmarkClient> client(String name) {
    return switch (name.trim()) {
      case "ours" -> OurClient::new;
      case "hivemq" -> HiveMqClient::new;
      case "paho" -> PahoClient::new;
      default -> throw new IllegalArgumentException("Unknown client '" + name + "': use ours, hivemq or paho");
    };
  }

  private static int argument(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  public static void main(String[] args) throws Exception {
    new ClientBenchmark(args).run();
    System.exit(0);
  }

  private void run() throws Exception {
    MosquittoConfig config = MosquittoConfig.builder().maxInflightMessages(window).maxQueuedMessages(0).build();
    try (MosquittoBroker broker = MosquittoBroker.start(config)) {
      List<String> rows = new ArrayList<>();
      // Every client warms up before any is measured: they share the JVM (and Netty's classes), and a
      // client measured first would otherwise pay for JIT compilation that later ones profit from.
      for (IntFunction<BenchmarkClient> factory : clients) {
        for (int qos = 0; qos <= 2; qos++) {
          for (int round = 0; round < Math.max(1, WARMUPS); round++) {
            throughput(broker, factory, qos, WARMUPS == 0 ? messages / 4 : messages);
          }
        }
        latency(broker, factory);
      }
      for (IntFunction<BenchmarkClient> factory : clients) {
        String name = factory.apply(window).name();
        double[] best = new double[3];
        double[] leastCpu = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] brokerBusy = new double[3];
        long[] compiling = new long[3];
        for (int qos = 0; qos <= 2; qos++) {
          long compileStart = compilationMillis();
          for (int round = 0; round < rounds; round++) {
            Run run = throughput(broker, factory, qos, messages);
            if (run.messagesPerSecond() > best[qos]) {
              brokerBusy[qos] = run.brokerBusy();
            }
            best[qos] = Math.max(best[qos], run.messagesPerSecond());
            leastCpu[qos] = Math.min(leastCpu[qos], run.cpuMicrosPerMessage());
          }
          compiling[qos] = compilationMillis() - compileStart;
          System.err.printf(Locale.ROOT, "%s QoS %d: %.0f msg/s, %.1f µs CPU per message, broker busy %.0f%%,"
              + " JIT compiling %d ms during the rounds%n", name, qos, best[qos], leastCpu[qos],
              brokerBusy[qos] * 100, compiling[qos]);
        }
        long[] latency = latency(broker, factory);
        rows.add(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.1f | %.0f%% | %.0f | %.0f |", name,
            best[0], best[1], best[2], leastCpu[1], brokerBusy[1] * 100, latency[latency.length / 2] / 1_000.0,
            latency[(int) (latency.length * 0.99)] / 1_000.0));
      }
      System.out.printf(Locale.ROOT, "%nMosquitto %s, %d messages per run, %d-byte payload, window %d, best of %d"
          + " rounds after %s; latency over %d QoS 1 messages one at a time%n%n", "2.0.11", messages, payloadSize,
          window, rounds, WARMUPS == 0 ? "a quarter-size warm-up round" : WARMUPS + " full-size warm-up rounds",
          latencySamples);
      System.out.println("| client | QoS 0 msg/s | QoS 1 msg/s | QoS 2 msg/s | QoS 1 client CPU µs/msg"
          + " | QoS 1 broker busy | latency p50 µs | latency p99 µs |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      rows.forEach(System.out::println);
    }
  }

  /**
   * One throughput run: messages per second; the CPU time this JVM spent per message (publisher and
   * subscriber together; the harness's own share is the same for every client), which on a shared
   * machine varies less than the rate; and the broker's CPU time over the run's wall time (Mosquitto
   * is single-threaded: near 1.0 it is the limit, whatever the client).
   */
  private record Run(double messagesPerSecond, double cpuMicrosPerMessage, double brokerBusy) {}

  private static long brokerCpuNanos(MosquittoBroker broker) {
    return ProcessHandle.of(broker.pid()).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
        .orElse(0L);
  }

  /** The JIT compilers' accumulated time, to tell whether compilation overlapped the measured rounds. */
  private static long compilationMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Messages per second from the first publish until everything is received and acknowledged. */
  private Run throughput(MosquittoBroker broker, IntFunction<BenchmarkClient> factory, int qos, int count)
      throws Exception {
    String topic = "bench/" + System.nanoTime();
    CountDownLatch received = new CountDownLatch(count);
    AtomicLong lastArrival = new AtomicLong();
    try (BenchmarkClient subscriber = factory.apply(window); BenchmarkClient publisher = factory.apply(window)) {
      subscriber.connect(broker.host(), broker.port(), "sub-" + System.nanoTime());
      subscriber.subscribe(topic, qos, payload -> {
        lastArrival.set(System.nanoTime());
        received.countDown();
      });
      publisher.connect(broker.host(), broker.port(), "pub-" + System.nanoTime());
      byte[] payload = new byte[payloadSize];
      Semaphore inflight = new Semaphore(window);
      AtomicLong failures = new AtomicLong();
      CompletableFuture<?>[] flows = new CompletableFuture<?>[count];
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      long brokerStart = brokerCpuNanos(broker);
      for (int i = 0; i < count; i++) {
        inflight.acquire();
        flows[i] = publisher.publish(topic, qos, payload).whenComplete((result, error) -> {
          if (error != null) {
            failures.incrementAndGet();
          }
          inflight.release();
        });
      }
      CompletableFuture.allOf(flows).get(5, TimeUnit.MINUTES);
      long elapsed;
      if (received.await(qos == 0 ? 20 : 300, TimeUnit.SECONDS)) {
        elapsed = System.nanoTime() - start;
      } else if (qos == 0) {
        // QoS 0 may be dropped (a client's bounded inbound buffer): count what arrived, until the last.
        System.err.printf(Locale.ROOT, "%s QoS 0: %d of %d arrived%n", publisher.name(),
            count - received.getCount(), count);
        elapsed = lastArrival.get() - start;
        long arrived = count - received.getCount();
        return new Run(arrived / (elapsed / 1e9), (processCpuNanos() - cpuStart) / 1e3 / count,
            (brokerCpuNanos(broker) - brokerStart) / (double) elapsed);
      } else {
        throw new IllegalStateException(publisher.name() + " QoS " + qos + ": only "
            + (count - received.getCount()) + " of " + count + " arrived");
      }
      if (failures.get() > 0) {
        throw new IllegalStateException(failures.get() + " publishes failed");
      }
      return new Run(count / (elapsed / 1e9), (processCpuNanos() - cpuStart) / 1e3 / count,
          (brokerCpuNanos(broker) - brokerStart) / (double) elapsed);
    }
  }

  /** Publish-to-receipt nanoseconds, one QoS 1 message at a time, sorted. */
  private long[] latency(MosquittoBroker broker, IntFunction<BenchmarkClient> factory) throws Exception {
    String topic = "bench/latency/" + System.nanoTime();
    SynchronousQueue<Long> arrivals = new SynchronousQueue<>();
    try (BenchmarkClient subscriber = factory.apply(window); BenchmarkClient publisher = factory.apply(window)) {
      subscriber.connect(broker.host(), broker.port(), "lsub-" + System.nanoTime());
      subscriber.subscribe(topic, 1, payload -> {
        try {
          arrivals.put(System.nanoTime());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      publisher.connect(broker.host(), broker.port(), "lpub-" + System.nanoTime());
      byte[] payload = new byte[payloadSize];
      int warmUp = latencySamples / 4;
      long[] samples = new long[latencySamples];
      for (int i = 0; i < warmUp + latencySamples; i++) {
        long sent = System.nanoTime();
        publisher.publish(topic, 1, payload);
        Long arrived = arrivals.poll(30, TimeUnit.SECONDS);
        if (arrived == null) {
          throw new IllegalStateException(publisher.name() + ": latency message " + i + " did not arrive");
        }
        if (i >= warmUp) {
          samples[i - warmUp] = arrived - sent;
        }
      }
      Arrays.sort(samples);
      return samples;
    }
  }
}
