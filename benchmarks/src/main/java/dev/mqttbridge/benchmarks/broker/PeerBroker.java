package dev.mqttbridge.benchmarks.broker;

import dev.mqttbridge.test.Ports;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker {@link LoadComparison} measures, started in a process of its own so that it shares
 * nothing with the load clients but the machine: ours and Moquette 0.17 in a JVM each (same
 * JVM and flags, logging at WARN), Mosquitto as itself. Every one allows 1,000 unacknowledged messages per
 * client and 10,000 queued per session where it has such a setting.
 */
final class PeerBroker implements AutoCloseable {

  /** The brokers, in the order the comparison runs and prints them. */
  enum Kind {
    OURS("ours"), MOSQUITTO("Mosquitto 2.0.11"), MOQUETTE("Moquette 0.17");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Kind kind;
  private final int port;
  private final Process process;
  private final MosquittoBroker mosquitto;
  private final Path log;

  private PeerBroker(Kind kind, int port, Process process, MosquittoBroker mosquitto, Path log) {
    this.kind = kind;
    this.port = port;
    this.process = process;
    this.mosquitto = mosquitto;
    this.log = log;
  }

  /** Starts the broker on a free port and waits until it accepts connections. */
  static PeerBroker start(Kind kind) throws IOException, InterruptedException {
    if (kind == Kind.MOSQUITTO) {
      MosquittoBroker broker = MosquittoBroker.start(MosquittoConfig.builder()
          .maxInflightMessages(1_000).maxQueuedMessages(10_000).build());
      return new PeerBroker(kind, broker.port(), null, broker, broker.logFile());
    }
    int port = Ports.freePort();
    String main = kind == Kind.OURS ? OurBrokerMain.class.getName()
        : MoquetteMain.class.getName();
    Path log = Files.createTempFile("load-" + kind.name().toLowerCase(), ".log");
    Process process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Warnings only: Moquette logs every packet at INFO, which would measure the log.
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        // The JVM brokers' socket transport: epoll unless -Dmqttbridge.transport=nio (the load tool
        // itself writes to plain java.net sockets either way).
        "-Dmqttbridge.transport=" + System.getProperty("mqttbridge.transport", "auto"),
        "-cp", System.getProperty("java.class.path"), main, Integer.toString(port)))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PeerBroker broker = new PeerBroker(kind, port, process, null, log);
    if (!Ports.awaitListening(port, START_TIMEOUT)) {
      broker.close();
      throw new IOException(kind.label + " did not listen on " + port + " within "
          + START_TIMEOUT + "; log: " + Files.readString(log));
    }
    return broker;
  }

  Kind kind() {
    return kind;
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    if (mosquitto != null) {
      mosquitto.close();
      return;
    }
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temporary file
    }
  }
}
