package dev.mqttbridge.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * What the demo started, closed in reverse order, and its temporary folder, deleted: at the end
 * of the run or, if the user presses Ctrl-C, from a shutdown hook.
 */
final class DemoResources implements AutoCloseable {

  private final Path dir;
  private final PrintWriter out;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Thread shutdownHook = new Thread(this::closeQuietly, "demo-cleanup");
  private boolean closed; // guarded by this

  private DemoResources(Path dir, PrintWriter out) {
    this.dir = dir;
    this.out = out;
  }

  /** Creates the temporary folder and arms the shutdown hook. */
  static DemoResources create(PrintWriter out) throws IOException {
    DemoResources resources =
        new DemoResources(Files.createTempDirectory("mqtt-bridge-demo-"), out);
    Runtime.getRuntime().addShutdownHook(resources.shutdownHook);
    return resources;
  }

  Path directory() {
    return dir;
  }

  /** Registers something to close; returns it. */
  synchronized <T extends AutoCloseable> T add(T resource) {
    started.push(resource);
    return resource;
  }

  @Override
  public void close() {
    closeQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is already running or ran
    }
  }

  private synchronized void closeQuietly() {
    if (closed) {
      return;
    }
    closed = true;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        out.println("Shutdown: " + e);
      }
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      out.println("Could not delete " + dir + ": " + e);
    }
    out.flush();
  }
}
