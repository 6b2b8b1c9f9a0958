package dev.mqttbridge.benchmarks.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the same {@link LoadTool} load against our broker, Mosquitto 2.0.11 and Moquette 0.17, each
 * in its own process and started afresh for every shape, and prints one Markdown table.
 *
 * <pre>
 * java -cp benchmarks.jar dev.mqttbridge.benchmarks.broker.LoadComparison \
 *     QOS PAYLOAD_BYTES INFLIGHT SHAPE [SHAPE...]      e.g. 1 256 100 1x1:50000 10x10:10000
 * </pre>
 *
 * <p>SHAPE is {@code PUBLISHERSxSUBSCRIBERS:MESSAGES_PER_PUBLISHER}. Client settings are
 * LoadTool's, the same for every broker; broker limits are {@link PeerBroker}'s. Mosquitto comes
 * from {@code /usr/sbin/mosquitto} or the {@code PATH}. The load average is printed before and
 * after, as the figures mean little on a busy machine.
 *
 * <p>Each broker first gets an unmeasured warm-up run of the same shape with a fifth of the
 * messages (at least 1,000 per publisher), so the JVM brokers are measured compiled rather than
 * in the interpreter; Mosquitto gets it too. With {@code -Dload.warmups=K} it gets K warm-up runs
 * of the whole shape instead: our broker's JIT is still compiling (half its CPU time in C2)
 * through the first 300,000 messages, so short runs measure warm-up rather than the steady state
 * a broker spends its days in.
 */
public final class LoadComparison {

  /** Unmeasured runs of the whole shape before the measured one; 0: one with a fifth. */
  private static final int WARMUPS = Integer.getInteger("load.warmups", 0);

  private LoadComparison() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("Usage: LoadComparison QOS PAYLOAD_BYTES INFLIGHT SHAPE [SHAPE...] "
          + "(SHAPE: PUBLISHERSxSUBSCRIBERS:MESSAGES, e.g. 10x10:10000)");
      System.exit(2);
    }
    int qos = Integer.parseInt(args[0]);
    int size = Integer.parseInt(args[1]);
    int inflight = Integer.parseInt(args[2]);
    List<LoadShape> shapes = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      shapes.add(LoadShape.parse(args[i]));
    }
    String loadBefore = loadAverage();
    List<LoadResult> results = new ArrayList<>();
    List<PeerBroker.Kind> kinds = new ArrayList<>();
    for (LoadShape shape : shapes) {
      for (PeerBroker.Kind kind : PeerBroker.Kind.values()) {
        try (PeerBroker broker = PeerBroker.start(kind)) {
          if (WARMUPS == 0) {
            LoadTool.run("127.0.0.1", broker.port(), shape.warmUp(), qos, size, inflight);
          }
          for (int i = 0; i < WARMUPS; i++) {
            LoadTool.run("127.0.0.1", broker.port(), shape, qos, size, inflight);
          }
          LoadResult result = LoadTool.run("127.0.0.1", broker.port(), shape, qos, size,
              inflight);
          System.out.println(kind.label + ": " + result.line()); // progress
          results.add(result);
          kinds.add(kind);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%nQoS %d, %d-byte payloads, %d inflight per publisher, "
        + "publishers flush %s; each broker warmed up with %s first; "
        + "load average before %s, after %s%n%n", qos, size, inflight,
        LoadTool.BURSTS ? "in bursts (-Dload.flush=burst)" : "each PUBLISH",
        WARMUPS == 0 ? "a fifth of the messages" : WARMUPS + " unmeasured runs of the shape",
        loadBefore, loadAverage());
    System.out.println("| publishers -> subscribers | broker | msg/s | p50 ms | p99 ms "
        + "| p99.9 ms | received |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    for (int i = 0; i < results.size(); i++) {
      LoadResult r = results.get(i);
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2f | %,d of %,d |%n",
          r.shape(), kinds.get(i).label, throughput(r), r.p50(), r.p99(), r.p999(),
          r.received(), r.expected());
    }
    System.exit(0);
  }

  /**
   * Messages per second, or, when messages were lost, "incomplete" with the count: a rate over
   * what arrived would flatter a broker that dropped messages.
   */
  static String throughput(LoadResult result) {
    return result.isComplete()
        ? String.format(Locale.ROOT, "%,.0f", result.messagesPerSecond())
        : String.format(Locale.ROOT, "incomplete: %,d of %,d", result.received(),
            result.expected());
  }

  private static String loadAverage() throws IOException {
    Path file = Path.of("/proc/loadavg");
    if (!Files.isReadable(file)) {
      return "unknown";
    }
    String[] fields = Files.readString(file).trim().split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }
}
