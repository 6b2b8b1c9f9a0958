package dev.mqttbridge.test.mosquitto;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a finished Mosquitto client process ended: its exit code and everything it printed.
 *
 * @param command the command line that was run
 * @param exitCode the process's exit code (after a timeout: the code it had when it was stopped)
 * @param timedOut whether the process was stopped because it outlived its timeout
 * @param stdout everything printed on standard output, UTF-8
 * @param stderr everything printed on standard error, UTF-8
 * @param elapsed from start to exit
 */
public record ClientResult(
    List<String> command, int exitCode, boolean timedOut, String stdout, String stderr, Duration elapsed) {

  /** Copies {@code command}; every component is required. */
  public ClientResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Whether the process exited on its own with code 0. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }

  /** Standard output split into lines, without line terminators; empty when nothing was printed. */
  public List<String> stdoutLines() {
    return stdout.isEmpty() ? List.of() : List.of(stdout.split("\\R"));
  }

  /**
   * Returns this result if the process {@linkplain #succeeded() succeeded}.
   *
   * @throws AssertionError describing the command, exit code and output otherwise
   */
  public ClientResult requireSuccess() {
    if (!succeeded()) {
      throw new AssertionError("expected success, but " + this);
    }
    return this;
  }

  @Override
  public String toString() {
    return String.join(" ", command) + (timedOut ? " timed out after " : " exited with code " + exitCode + " after ")
        + elapsed.toMillis() + " ms\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
  }
}
