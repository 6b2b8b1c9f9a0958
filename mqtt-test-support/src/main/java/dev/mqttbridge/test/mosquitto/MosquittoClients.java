package dev.mqttbridge.test.mosquitto;

import dev.mqttbridge.test.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs {@code mosquitto_pub} and {@code mosquitto_sub} against one MQTT server (a {@link MosquittoBroker},
 * our own broker, or a fault proxy in front of either). Every command line starts with
 * {@code -h HOST -p PORT}; the caller's arguments follow, e.g. {@code "-V", "5", "-t", "a/b", "-m", "hi"}.
 *
 * <p>Thread-safe and stateless apart from the target; each call starts a new process.
 */
public final class MosquittoClients {

  /** Timeout of {@link #pub(String...)}: generous, for a loaded machine. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final MosquittoExecutables executables;
  private final String host;
  private final int port;

  MosquittoClients(MosquittoExecutables executables, String host, int port) {
    this.executables = Objects.requireNonNull(executables, "executables");
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
  }

  /** Clients for the plain listener of {@code broker}. */
  public static MosquittoClients of(MosquittoBroker broker) {
    return of(broker.host(), broker.port());
  }

  /** Clients for {@code 127.0.0.1:port}, e.g. our own broker or a fault proxy. */
  public static MosquittoClients of(int port) {
    return of(Ports.LOOPBACK, port);
  }

  /** Clients for {@code host:port}; tests use loopback addresses only. */
  public static MosquittoClients of(String host, int port) {
    return new MosquittoClients(MosquittoExecutables.fromEnvironment(), host, port);
  }

  /** The host every command line names with {@code -h}. */
  public String host() {
    return host;
  }

  /** The port every command line names with {@code -p}. */
  public int port() {
    return port;
  }

  /**
   * Runs {@code mosquitto_pub} with {@link #DEFAULT_TIMEOUT}.
   *
   * @throws IllegalStateException naming the install command when {@code mosquitto_pub} is missing
   */
  public ClientResult pub(String... args) {
    return pub(DEFAULT_TIMEOUT, args);
  }

  /** Runs {@code mosquitto_pub}; if it outlives {@code timeout} it is stopped and the result says so. */
  public ClientResult pub(Duration timeout, String... args) {
    return startPub(args).awaitExit(timeout);
  }

  /**
   * Runs {@code mosquitto_sub} until it exits (give it {@code -C COUNT}, {@code -W SECONDS} or {@code -E}) or
   * {@code timeout} passes; then it is stopped and the result says {@linkplain ClientResult#timedOut() timed
   * out}, with whatever it printed.
   */
  public ClientResult sub(Duration timeout, String... args) {
    return startSub(args).awaitExit(timeout);
  }

  /** Starts {@code mosquitto_pub} in the background. */
  public ClientProcess startPub(String... args) {
    return ClientProcess.start("mosquitto_pub", commandLine(executables.publisher(), args));
  }

  /**
   * Starts {@code mosquitto_sub} in the background. With {@code -d} it prints {@code "received SUBACK"},
   * which {@link ClientProcess#awaitOutput(String, Duration)} can wait for before the test publishes.
   * (Output arrives line by line when coreutils' {@code stdbuf} is installed, as on every Debian.)
   */
  public ClientProcess startSub(String... args) {
    return ClientProcess.start("mosquitto_sub", commandLine(executables.subscriber(), args));
  }

  private List<String> commandLine(Path executable, String... args) {
    List<String> command = new ArrayList<>();
    // Through a pipe the clients would buffer stdout until exit, hiding e.g. "received SUBACK" from -d.
    executables.lineBuffering().ifPresent(stdbuf -> command.addAll(List.of(stdbuf.toString(), "-oL", "-eL")));
    command.addAll(List.of(executable.toString(), "-h", host, "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    return command;
  }

  @Override
  public String toString() {
    return "MosquittoClients{" + host + ":" + port + "}";
  }
}
