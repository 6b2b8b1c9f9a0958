package dev.mqttbridge.test.mosquitto;

import dev.mqttbridge.test.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Mosquitto broker process for one test, on free loopback ports, with its own temporary directory
 * for config, log and persistence. {@link #start(MosquittoConfig)} returns once the broker really listens;
 * {@link #close()} stops it and deletes the directory.
 *
 * <p>{@link #stop()} sends SIGTERM (Mosquitto saves its persistence on exit), {@link #kill()} sends SIGKILL
 * (a crash); {@link #restart()} starts it again on the same ports with the same data directory.
 *
 * <p>Mosquitto must be installed; if it is not, starting fails with an {@link IllegalStateException} naming
 * {@code sudo apt-get install -y mosquitto mosquitto-clients}. Tests never skip for a missing Mosquitto.
 *
 * <p>Lifecycle methods are synchronized; the getters may be called from any thread.
 */
public final class MosquittoBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MosquittoBroker.class);

  /** Generous, for a loaded 2-core machine: Mosquitto itself starts in milliseconds. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
  /** Another process may take a port between our probe and Mosquitto's bind: pick new ports and retry. */
  private static final int BIND_ATTEMPTS = 3;
  private static final int TAIL_LINES = 40;
  /** Mosquitto logs "mosquitto version X running" (a notice) once all listeners are open. */
  private static final Pattern RUNNING_LINE = Pattern.compile("mosquitto version \\S+ running$", Pattern.MULTILINE);

  private final MosquittoConfig config;
  private final Path executable;
  private final InstanceFiles files;
  private final boolean runAsRoot;
  private final Thread killOnExit;

  private volatile int port;
  private volatile int tlsPort;
  private volatile Process process;
  private boolean closed;

  private MosquittoBroker(MosquittoConfig config, Path executable, InstanceFiles files) {
    this.config = config;
    this.executable = executable;
    this.files = files;
    this.runAsRoot = runningAsRoot();
    // A JVM that dies without close() (e.g. a killed test fork) must not leave brokers behind.
    this.killOnExit = new Thread(this::destroyForcibly, "mosquitto-kill-on-exit");
  }

  /** Starts a broker with {@link MosquittoConfig#defaults()}. */
  public static MosquittoBroker start() {
    return start(MosquittoConfig.defaults());
  }

  /**
   * Starts a broker with {@code config} and waits until it accepts TCP connections.
   *
   * @throws IllegalStateException if Mosquitto is not installed (naming the install command), or exits or
   *     does not listen within the start timeout (with the tail of its log)
   */
  public static MosquittoBroker start(MosquittoConfig config) {
    return start(config, MosquittoExecutables.fromEnvironment());
  }

  static MosquittoBroker start(MosquittoConfig config, MosquittoExecutables executables) {
    // Resolve every executable first, so a missing install leaves no temporary directory behind.
    Path executable = executables.broker();
    Path passwordTool = config.users().isEmpty() ? null : executables.passwordTool();
    MosquittoBroker broker = new MosquittoBroker(config, executable, new InstanceFiles(createDirectory()));
    try {
      broker.prepareFiles(passwordTool);
      Runtime.getRuntime().addShutdownHook(broker.killOnExit);
      broker.launch(true);
      return broker;
    } catch (RuntimeException | Error e) {
      broker.close();
      throw e;
    }
  }

  /** Always {@code 127.0.0.1}. */
  public String host() {
    return Ports.LOOPBACK;
  }

  /** The plain MQTT listener's port. Stays the same across {@link #restart()}. */
  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:PORT}. */
  public String uri() {
    return "tcp://" + host() + ":" + port;
  }

  /**
   * The TLS listener's port.
   *
   * @throws IllegalStateException if the config has no {@linkplain MosquittoConfig#tls() TLS listener}
   */
  public int tlsPort() {
    if (config.tls().isEmpty()) {
      throw new IllegalStateException("this broker has no TLS listener; configure one with MosquittoConfig.Builder.tls");
    }
    return tlsPort;
  }

  /** {@code ssl://127.0.0.1:TLS_PORT}. */
  public String tlsUri() {
    return "ssl://" + host() + ":" + tlsPort();
  }

  /** The config this broker was started with. */
  public MosquittoConfig config() {
    return config;
  }

  /** Where Mosquitto keeps {@code mosquitto.db} when persistence is on. */
  public Path dataDirectory() {
    return files.dataDirectory();
  }

  /** Mosquitto's log file; appended to across restarts. */
  public Path logFile() {
    return files.logFile();
  }

  /** The rendered {@code mosquitto.conf}. */
  public Path configFile() {
    return files.configFile();
  }

  /** The directory holding config, log, output and data; deleted by {@link #close()}. */
  public Path directory() {
    return files.directory();
  }

  /** Process id of the current (or, after {@link #stop()}, the last) Mosquitto process. */
  public long pid() {
    return process.pid();
  }

  /** Whether the Mosquitto process is alive. */
  public boolean isRunning() {
    Process current = process;
    return current != null && current.isAlive();
  }

  /** The last {@code lines} lines of the log, for failure messages. */
  public String logTail(int lines) {
    return LogTail.of(files.logFile(), lines);
  }

  /**
   * Stops the broker with SIGTERM and waits for it to exit; Mosquitto saves its persistence on the way out.
   * Does nothing if it is not running.
   *
   * @throws IllegalStateException if it does not exit in time (it is then killed, so persistence may be stale)
   */
  public synchronized void stop() {
    requireOpen();
    Process current = process;
    if (current == null || !current.isAlive()) {
      return;
    }
    current.destroy();
    if (!waitFor(current, STOP_TIMEOUT)) {
      current.destroyForcibly();
      waitFor(current, STOP_TIMEOUT);
      throw new IllegalStateException("Mosquitto pid " + current.pid() + " did not exit within "
          + STOP_TIMEOUT.toSeconds() + " s of SIGTERM and was killed; its persistence may be stale.\n" + tails());
    }
    LOG.info("Stopped Mosquitto pid {} on port {} (exit code {})", current.pid(), port, current.exitValue());
  }

  /** Kills the broker with SIGKILL, as in a crash, and waits for it to be gone. Does nothing if not running. */
  public synchronized void kill() {
    requireOpen();
    Process current = process;
    if (current == null || !current.isAlive()) {
      return;
    }
    current.destroyForcibly();
    if (!waitFor(current, STOP_TIMEOUT)) {
      throw new IllegalStateException("Mosquitto pid " + current.pid() + " survived SIGKILL for " + STOP_TIMEOUT);
    }
    LOG.info("Killed Mosquitto pid {} on port {}", current.pid(), port);
  }

  /**
   * Starts the broker again on the same ports with the same config and data directory, after waiting for
   * the ports to be free. A running broker is {@linkplain #stop() stopped} first.
   *
   * @throws IllegalStateException if the ports stay busy or the broker does not start
   */
  public synchronized void restart() {
    requireOpen();
    stop();
    for (int busy : ports()) {
      if (!awaitFree(busy)) {
        throw new IllegalStateException("port " + busy + " is still in use " + START_TIMEOUT.toSeconds()
            + " s after Mosquitto stopped; cannot restart on the same port");
      }
    }
    launch(false);
  }

  /** Stops the broker (SIGTERM, then SIGKILL if needed) and deletes its directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      if (isRunning()) {
        stop();
      }
    } catch (RuntimeException e) {
      LOG.warn("Mosquitto did not stop cleanly", e);
    } finally {
      closed = true;
      destroyForcibly();
      removeShutdownHook();
      deleteRecursively(files.directory());
    }
  }

  @Override
  public String toString() {
    return "MosquittoBroker{" + uri() + ", directory=" + files.directory() + "}";
  }

  private void prepareFiles(Path passwordTool) {
    try {
      Files.createDirectories(files.dataDirectory());
      if (passwordTool != null) {
        PasswordFile.write(passwordTool, files.passwordFile(), config.users());
      }
      if (!config.aclLines().isEmpty()) {
        Files.writeString(files.aclFile(), config.renderAcl(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + files.directory(), e);
    }
  }

  /** Starts the process and waits until it listens; on the first start, retries with new ports on a bind race. */
  private void launch(boolean mayChoosePorts) {
    for (int attempt = 1; ; attempt++) {
      if (mayChoosePorts) {
        List<Integer> free = Ports.freePorts(2);
        port = free.get(0);
        tlsPort = free.get(1);
      }
      long logOffset = sizeOf(files.logFile());
      long outputOffset = sizeOf(files.outputFile());
      writeConfig();
      Process started = startProcess();
      process = started;
      String failure = awaitListening(started, logOffset);
      if (failure == null) {
        LOG.info("Started Mosquitto pid {} on {} (directory {})", started.pid(), uri(), files.directory());
        return;
      }
      String appended = LogTail.from(files.logFile(), logOffset) + LogTail.from(files.outputFile(), outputOffset);
      if (mayChoosePorts && attempt < BIND_ATTEMPTS && appended.contains("Address already in use")) {
        LOG.info("Port {} or {} was taken before Mosquitto could bind it; trying new ports", port, tlsPort);
        continue;
      }
      throw new IllegalStateException(failure + "\nConfig " + files.configFile() + ":\n" + readConfig() + tails());
    }
  }

  private void writeConfig() {
    try {
      Files.writeString(files.configFile(), config.render(files, port, tlsPort, runAsRoot), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + files.configFile(), e);
    }
  }

  private Process startProcess() {
    ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-c", files.configFile().toString())
        .directory(files.directory().toFile())
        .redirectErrorStream(true)
        // Errors before the log file is open (e.g. a bad config line) only go to stderr.
        .redirectOutput(ProcessBuilder.Redirect.appendTo(files.outputFile().toFile()));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + executable, e);
    }
  }

  /**
   * Waits until the process has logged that it runs, accepts TCP connections on every port and is still
   * alive (so a listener of some other process cannot pass for ours).
   *
   * @return {@code null} when ready, otherwise why not (the process is then gone)
   */
  private String awaitListening(Process started, long logOffset) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!started.isAlive()) {
        return "Mosquitto exited with code " + started.exitValue() + " before listening on " + describePorts() + ".";
      }
      if (RUNNING_LINE.matcher(LogTail.from(files.logFile(), logOffset)).find()
          && ports().stream().allMatch(Ports::isListening)
          && started.isAlive()) {
        return null;
      }
      if (System.nanoTime() - deadline >= 0) {
        started.destroyForcibly();
        waitFor(started, STOP_TIMEOUT);
        return "Mosquitto did not listen on " + describePorts() + " within " + START_TIMEOUT.toSeconds()
            + " s and was killed.";
      }
      sleep(POLL_INTERVAL);
    }
  }

  private List<Integer> ports() {
    return config.tls().isPresent() ? List.of(port, tlsPort) : List.of(port);
  }

  private String describePorts() {
    return config.tls().isPresent() ? "ports " + port + " and " + tlsPort + " (TLS)" : "port " + port;
  }

  private String tails() {
    return "\n--- last lines of " + files.logFile() + " ---\n" + LogTail.of(files.logFile(), TAIL_LINES)
        + "\n--- last lines of " + files.outputFile() + " (stdout and stderr) ---\n"
        + LogTail.of(files.outputFile(), TAIL_LINES);
  }

  private String readConfig() {
    return LogTail.of(files.configFile(), Integer.MAX_VALUE);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this MosquittoBroker is closed");
    }
  }

  private void destroyForcibly() {
    Process current = process;
    if (current != null && current.isAlive()) {
      current.destroyForcibly();
      waitFor(current, STOP_TIMEOUT);
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs anyway and finds nothing to kill.
    }
  }

  private static boolean awaitFree(int port) {
    try {
      return Ports.awaitFree(port, START_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for port " + port, e);
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while waiting for Mosquitto pid " + process.pid(), e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Mosquitto to start", e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Mosquitto started as root drops to user {@code mosquitto}, who cannot use our 0700 directory. */
  private static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static Path createDirectory() {
    try {
      return Files.createTempDirectory("mosquitto-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for Mosquitto", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete {}", directory, e);
    }
  }
}
