package dev.mqttbridge.benchmarks.camel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link CamelConsumerSide} in its own JVM, driven over its stdin and stdout. */
final class SideProcess implements AutoCloseable {

  /**
   * One measured run: messages counted, nanoseconds from the first to the last, how long stopping
   * the route took (sending the acknowledgements still pending, disconnecting), and the CPU time
   * the side's JVM used meanwhile.
   */
  record Run(long received, long nanos, long stopNanos, long cpuNanos) {
    double perSecond() {
      return received <= 1 ? 0 : (received - 1) / (nanos / 1e9);
    }

    /** Messages per second from the first message until the route had stopped. */
    double perSecondUntilStopped() {
      return received <= 1 ? 0 : (received - 1) / ((nanos + stopNanos) / 1e9);
    }

    /** CPU microseconds per message: less sensitive to a busy machine than the rates. */
    double cpuMicrosPerMessage() {
      return received == 0 ? Double.NaN : cpuNanos / 1e3 / received;
    }
  }

  private final Process process;
  private final BufferedReader output;
  private final PrintWriter input;

  private SideProcess(Process process) {
    this.process = process;
    this.output = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /**
   * Starts the side's JVM.
   *
   * @param recording a JFR recording to write, or null
   */
  static SideProcess start(String classpath, List<String> jvmOptions, Path recording)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    if (recording != null) {
      command.add("-XX:StartFlightRecording=settings=profile,filename=" + recording);
    }
    command.addAll(List.of("-cp", classpath, CamelConsumerSide.class.getName()));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new SideProcess(process);
  }

  /**
   * Adds a route for the endpoint URI; returns once it received the probe message, which proves
   * its subscription is in place, and was stopped again.
   *
   * @param probe publishes one message the route's subscription matches
   */
  void subscribe(String uri, Runnable probe) throws IOException {
    input.println("SUBSCRIBE " + uri);
    expect("SUBSCRIBING");
    probe.run();
    String answer = expect("READY", "FAILED");
    if (!answer.equals("READY")) {
      throw new IllegalStateException("The side's route did not subscribe: " + answer);
    }
  }

  /** Lets the route consume what is queued for it and reports the run. */
  Run consume(long messages) throws IOException {
    input.println("GO " + messages);
    String[] result = expect("RESULT ").split(" ");
    return new Run(Long.parseLong(result[1]), Long.parseLong(result[2]),
        Long.parseLong(result[3]), Long.parseLong(result[4]));
  }

  /** The next line that starts with one of the prefixes; other lines are passed on to stderr. */
  private String expect(String... prefixes) throws IOException {
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      for (String prefix : prefixes) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      System.err.println("side: " + line);
    }
    throw new IllegalStateException("The side exited before printing " + String.join(" or ",
        prefixes).trim());
  }

  @Override
  public void close() throws InterruptedException {
    input.println("EXIT");
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
