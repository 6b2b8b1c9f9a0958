package dev.mqttbridge.test.mosquitto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a child process on its own daemon thread, so the child never blocks on a
 * full pipe. Appends under a lock shared with its sibling and signals it, so a reader can wait for text on
 * either stream with one monitor.
 */
final class OutputCollector {

  /** Keeps a runaway subscriber from filling the test JVM's heap. */
  private static final int MAX_BYTES = 16 * 1024 * 1024;

  private final Object lock;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Thread thread;
  private boolean ended;
  private boolean truncated;

  OutputCollector(InputStream stream, String threadName, Object lock) {
    this.lock = lock;
    this.thread = new Thread(() -> drain(stream), threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Everything read so far, decoded as UTF-8. */
  String text() {
    synchronized (lock) {
      String text = bytes.toString(StandardCharsets.UTF_8);
      return truncated ? text + "\n[output truncated at " + MAX_BYTES + " bytes]" : text;
    }
  }

  /** Whether the stream reached its end (the process closed it, normally by exiting). */
  boolean ended() {
    synchronized (lock) {
      return ended;
    }
  }

  /** Waits for the reading thread to see the end of the stream. */
  void awaitEnd(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private void drain(InputStream stream) {
    byte[] buffer = new byte[8192];
    try (stream) {
      int read;
      while ((read = stream.read(buffer)) != -1) {
        synchronized (lock) {
          int room = MAX_BYTES - bytes.size();
          bytes.write(buffer, 0, Math.min(read, Math.max(room, 0)));
          truncated |= read > room;
          lock.notifyAll();
        }
      }
    } catch (IOException e) {
      // The process was destroyed while we read: what was read so far is the output.
    } finally {
      synchronized (lock) {
        ended = true;
        lock.notifyAll();
      }
    }
  }
}
