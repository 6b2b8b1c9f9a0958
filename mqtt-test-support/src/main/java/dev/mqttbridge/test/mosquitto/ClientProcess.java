package dev.mqttbridge.test.mosquitto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto command-line tool running in the background (e.g. a {@code mosquitto_sub} that must be
 * subscribed before the test publishes). Its output is captured as it arrives; {@link #close()} stops it.
 */
public final class ClientProcess implements AutoCloseable {

  /** How long a stopped process gets between SIGTERM and SIGKILL, and its output streams to end. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final List<String> command;
  private final Process process;
  private final long startNanos = System.nanoTime();
  private final Object outputLock = new Object();
  private final OutputCollector stdout;
  private final OutputCollector stderr;

  private ClientProcess(String tool, List<String> command, Process process) {
    this.command = command;
    this.process = process;
    String name = tool + "-" + process.pid();
    this.stdout = new OutputCollector(process.getInputStream(), name + "-stdout", outputLock);
    this.stderr = new OutputCollector(process.getErrorStream(), name + "-stderr", outputLock);
  }

  /**
   * Starts {@code command} (executable first) with captured stdout and stderr.
   *
   * @param tool short name for thread names, e.g. {@code "mosquitto_sub"}
   */
  static ClientProcess start(String tool, List<String> command) {
    List<String> copy = List.copyOf(command);
    try {
      return new ClientProcess(tool, copy, new ProcessBuilder(copy).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", copy), e);
    }
  }

  /** The command line, executable first. */
  public List<String> command() {
    return command;
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The process's standard input, e.g. for {@code mosquitto_pub -l}. Close it to signal the end. */
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  /** Standard output printed so far. */
  public String stdoutSoFar() {
    return stdout.text();
  }

  /** Standard error printed so far. */
  public String stderrSoFar() {
    return stderr.text();
  }

  /**
   * Waits until {@code text} appears on stdout or stderr, e.g. {@code "received SUBACK"} from
   * {@code mosquitto_sub -d}.
   *
   * @return this, for chaining
   * @throws AssertionError with the output so far if the process ends first or {@code timeout} passes
   */
  public ClientProcess awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (outputLock) {
      while (!stdout.text().contains(text) && !stderr.text().contains(text)) {
        if (stdout.ended() && stderr.ended()) {
          throw new AssertionError("'" + text + "' never appeared; the process ended. " + describe());
        }
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          throw new AssertionError("'" + text + "' did not appear within " + timeout.toMillis() + " ms. " + describe());
        }
        awaitSignal(remainingMillis);
      }
    }
    return this;
  }

  /**
   * Waits for the process to exit on its own; if it outlives {@code timeout} it is stopped and the result
   * says {@linkplain ClientResult#timedOut() timed out}.
   */
  public ClientResult awaitExit(Duration timeout) {
    boolean exited = waitFor(timeout);
    if (!exited) {
      terminate();
    }
    return result(!exited);
  }

  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and returns what it printed. */
  public ClientResult stop() {
    terminate();
    return result(false);
  }

  /** Stops the process if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      terminate();
    }
  }

  private void terminate() {
    process.destroy();
    if (!waitFor(GRACE)) {
      process.destroyForcibly();
      waitFor(GRACE);
    }
  }

  private ClientResult result(boolean timedOut) {
    try {
      stdout.awaitEnd(GRACE.toMillis());
      stderr.awaitEnd(GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int exitCode = process.isAlive() ? -1 : process.exitValue();
    return new ClientResult(command, exitCode, timedOut, stdout.text(), stderr.text(),
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while waiting for " + String.join(" ", command), e);
    }
  }

  private void awaitSignal(long millis) {
    try {
      outputLock.wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for output of " + String.join(" ", command), e);
    }
  }

  private String describe() {
    return String.join(" ", command) + (process.isAlive() ? " (running)" : " (exited with " + process.exitValue() + ")")
        + "\n--- stdout ---\n" + stdout.text() + "\n--- stderr ---\n" + stderr.text();
  }
}
