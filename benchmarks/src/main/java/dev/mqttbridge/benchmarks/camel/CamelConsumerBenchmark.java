package dev.mqttbridge.benchmarks.camel;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumer throughput of {@code from("mqtt:...")} (this project's component, Camel 4.22) against
 * {@code from("paho-mqtt5:...")} (camel-paho-mqtt5 4.17.0), each in a JVM of its own, through one
 * Mosquitto with the same settings, in one invocation; prints a Markdown table. A benchmark run by
 * hand, not a test.
 *
 * <p>Method, the same for both sides: Mosquitto on loopback with {@code max_queued_messages 0}
 * (nothing dropped) and {@code max_inflight_messages} = the window. For each run the side adds a
 * route that subscribes QoS 1 with a new client id, {@code cleanStart=false}, session expiry 600 s
 * and {@code receiveMaximum=65535}, to a processor that only counts, and stops it again
 * once a probe message arrived (so the subscription is known to be in place); this launcher
 * queues N QoS 1 messages into that offline session (every PUBACK awaited, so publishing speed is
 * not measured); then the side starts the route and reports the time from the first to the last
 * message, and how long stopping the route then took (acknowledgements still pending, disconnect).
 * Warm-up runs are discarded; the median, best and worst of the measured runs are reported. A run
 * that does not get all N messages (none for 10 s) counts with the rate of what arrived, and the
 * table says how many were missing. CPU time per message of the side's JVM and Mosquitto's share
 * of a run's wall time (100% = one core busy: the single-threaded broker is then the limit) are
 * less sensitive to a busy machine than the rates. Mosquitto 2.0.11 does not hold a session's
 * queued messages to {@code max_inflight_messages} when the client comes back (the progress lines
 * show one write per message): a consumer that reads faster than Mosquitto reads its PUBACKs
 * gets the last message well before the broker has every acknowledgement, which the rate
 * including the route's stop (it waits for that) shows.
 *
 * <p>Run: {@code mvn -o -q -B package -pl benchmarks -am -DskipTests -P'!fuzz'} then
 * {@code java -cp benchmarks/target/benchmarks.jar
 * dev.mqttbridge.benchmarks.camel.CamelConsumerBenchmark [messages=200000] [runs=5] [warmups=2] [payloadBytes=64] [window=1000] [--profile]}.
 * {@code --profile} writes a JFR recording per side to {@code benchmarks/target/camel-SIDE.jfr}.
 * The paho side's class path is resolved by Maven offline (run once online if it is missing).
 */
public final class CamelConsumerBenchmark {

  /** Each side's JVM: the same small, fixed heap, so neither gets more memory than the other. */
  private static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m",
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

  private final int messages;
  private final int runs;
  private final int warmups;
  private final int payloadBytes;
  private final int window;
  private final boolean profile;

  private CamelConsumerBenchmark(String[] args) {
    List<String> numbers = new ArrayList<>(Arrays.asList(args));
    profile = numbers.remove("--profile");
    messages = argument(numbers, 0, 200_000);
    runs = argument(numbers, 1, 5);
    warmups = argument(numbers, 2, 2);
    payloadBytes = argument(numbers, 3, 64);
    window = argument(numbers, 4, 1_000);
  }

  private static int argument(List<String> args, int index, int fallback) {
    return args.size() > index ? Integer.parseInt(args.get(index)) : fallback;
  }

  public static void main(String[] args) throws Exception {
    new CamelConsumerBenchmark(args).run();
    System.exit(0);
  }

  private void run() throws Exception {
    SideClasspaths classpaths = SideClasspaths.ofThisModule();
    String pahoClasspath = classpaths.paho();
    String ourClasspath = classpaths.ours();
    MosquittoConfig config = MosquittoConfig.builder().maxQueuedMessages(0)
        .maxInflightMessages(window).build();
    try (MosquittoBroker broker = MosquittoBroker.start(config)) {
      // Receive Maximum at the MQTT maximum (paho's default): Mosquitto 2.0.11 overshoots a lower
      // one with messages queued while offline, which paho then never processes (seen as missing
      // messages); the broker's max_inflight_messages bounds the flow for both instead.
      String options = "cleanStart=false&sessionExpiryInterval=600&qos=1&receiveMaximum=65535";
      Result ours = measure(broker, "ours", ourClasspath, "mqtt:bench/ours/#?serverUris="
          + broker.uri() + "&" + options);
      Result paho = measure(broker, "paho", pahoClasspath, "paho-mqtt5:bench/paho/#?brokerUrl="
          + broker.uri() + "&" + options);
      System.out.printf(Locale.ROOT, "%nMosquitto 2.0.11, %,d queued QoS 1 messages of %d bytes per"
          + " run, window %d, %d warm-up + %d measured runs per side, each side in its own JVM (%s)"
          + "%n%n", messages, payloadBytes, window, warmups, runs, String.join(" ", JVM_OPTIONS));
      System.out.println("| component | median msg/s | best | worst | vs paho | median msg/s incl."
          + " route stop (acks sent) | vs paho | median CPU µs/msg (side JVM)"
          + " | Mosquitto busy (median) | messages missing (sum over runs) |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      System.out.println(ours.row("camel-component-mqtt (ours, Camel 4.22)", paho));
      System.out.println(paho.row("camel-paho-mqtt5 " + SideClasspaths.PAHO_VERSION, paho));
    }
  }

  private Result measure(MosquittoBroker broker, String name, String classpath, String uri)
      throws Exception {
    Path recording = profile ? Path.of("benchmarks", "target", "camel-" + name + ".jfr")
        .toAbsolutePath() : null;
    List<SideProcess.Run> measured = new ArrayList<>();
    List<Double> busy = new ArrayList<>();
    try (SideProcess side = SideProcess.start(classpath, JVM_OPTIONS, recording);
        MqttClient publisher = publisher(broker, name)) {
      for (int i = 0; i < warmups + runs; i++) {
        String topic = "bench/" + name + "/data";
        MqttMessage probe = MqttMessage.builder(topic).qos(1).payload("probe").build();
        side.subscribe(uri + "&clientId=bench-" + name + "-" + i,
            () -> publisher.publish(probe).orTimeout(30, TimeUnit.SECONDS).join());
        preload(publisher, topic);
        long brokerCpuBefore = brokerCpuNanos(broker);
        long[] syscallsBefore = brokerSyscalls(broker);
        long started = System.nanoTime();
        SideProcess.Run run = side.consume(messages);
        double brokerBusy = (brokerCpuNanos(broker) - brokerCpuBefore)
            / (double) (System.nanoTime() - started);
        long[] syscallsAfter = brokerSyscalls(broker);
        System.err.printf(Locale.ROOT, "%s run %d%s: %,.0f msg/s (%,.0f incl. route stop), %.1f CPU"
            + " µs/msg, Mosquitto busy %.0f%%, Mosquitto reads / writes per message %s,"
            + " %,d of %,d received%n", name, i + 1,
            i < warmups ? " (warm-up)" : "", run.perSecond(), run.perSecondUntilStopped(),
            run.cpuMicrosPerMessage(), brokerBusy * 100,
            syscallsPerMessage(syscallsBefore, syscallsAfter, run.received()), run.received(),
            messages);
        if (i >= warmups) {
          measured.add(run);
          busy.add(brokerBusy);
        }
      }
    }
    double[] rates = measured.stream().filter(run -> run.received() > 1)
        .mapToDouble(SideProcess.Run::perSecond).sorted().toArray();
    double[] untilStopped = measured.stream().filter(run -> run.received() > 1)
        .mapToDouble(SideProcess.Run::perSecondUntilStopped).sorted().toArray();
    double[] cpu = measured.stream().filter(run -> run.received() > 1)
        .mapToDouble(SideProcess.Run::cpuMicrosPerMessage).sorted().toArray();
    long missing = measured.stream().mapToLong(run -> Math.max(0, messages - run.received())).sum();
    double[] brokerBusy = busy.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Result(rates, untilStopped, cpu, brokerBusy, missing);
  }

  /** CPU time Mosquitto used so far; its share of a run's wall time says if it was the limit. */
  private static long brokerCpuNanos(MosquittoBroker broker) {
    return ProcessHandle.of(broker.pid()).flatMap(handle -> handle.info().totalCpuDuration())
        .map(Duration::toNanos).orElse(0L);
  }

  /**
   * Mosquitto's read and write system calls so far ({@code syscr}, {@code syscw} of
   * {@code /proc/PID/io}), or null where that file cannot be read (not Linux, another user):
   * what a message costs the broker depends on how the consumer sends its acknowledgements.
   */
  private static long[] brokerSyscalls(MosquittoBroker broker) {
    long[] counts = {-1, -1};
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(broker.pid()), "io"))) {
        if (line.startsWith("syscr:")) {
          counts[0] = Long.parseLong(line.substring(6).trim());
        } else if (line.startsWith("syscw:")) {
          counts[1] = Long.parseLong(line.substring(6).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return counts[0] < 0 || counts[1] < 0 ? null : counts;
  }

  /** "reads / writes" per received message, or "n/a" when either count is missing. */
  private static String syscallsPerMessage(long[] before, long[] after, long received) {
    if (before == null || after == null || received == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f / %.1f", (after[0] - before[0]) / (double) received,
        (after[1] - before[1]) / (double) received);
  }

  private MqttClient publisher(MosquittoBroker broker, String name) {
    MqttClient client = MqttClient.builder().serverUri(broker.uri()).version(MqttVersion.V5)
        .clientId("bench-publisher-" + name).inflightWindow(window)
        .maximumPendingPublishes(window).reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    client.connect().orTimeout(30, TimeUnit.SECONDS).join();
    return client;
  }

  /** Queues the run's messages in the side's offline session; returns once all are PUBACKed. */
  private void preload(MqttClient publisher, String topic) throws Exception {
    MqttMessage message = MqttMessage.builder(topic).qos(1).payload(new byte[payloadBytes]).build();
    Semaphore inflight = new Semaphore(window);
    AtomicLong failures = new AtomicLong();
    CompletableFuture<?>[] flows = new CompletableFuture<?>[messages];
    for (int i = 0; i < messages; i++) {
      inflight.acquire();
      flows[i] = publisher.publish(message).whenComplete((result, error) -> {
        if (error != null || !result.isSuccess()) {
          failures.incrementAndGet();
        }
        inflight.release();
      });
    }
    CompletableFuture.allOf(flows).get(5, TimeUnit.MINUTES);
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " preload publishes failed");
    }
  }

  /**
   * Rates of one side's measured runs, each sorted ascending, and the messages missing from its
   * runs.
   */
  private record Result(double[] rates, double[] untilStopped, double[] cpuMicros,
      double[] brokerBusy, long missing) {
    double median() {
      return median(rates);
    }

    double medianUntilStopped() {
      return median(untilStopped);
    }

    private static double median(double[] sorted) {
      return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    String row(String name, Result baseline) {
      return String.format(Locale.ROOT,
          "| %s | %,.0f | %,.0f | %,.0f | %.2fx | %,.0f | %.2fx | %.1f | %.0f%% | %,d |",
          name, median(), rates.length == 0 ? Double.NaN : rates[rates.length - 1],
          rates.length == 0 ? Double.NaN : rates[0], median() / baseline.median(),
          medianUntilStopped(), medianUntilStopped() / baseline.medianUntilStopped(),
          median(cpuMicros), median(brokerBusy) * 100, missing);
    }
  }
}
