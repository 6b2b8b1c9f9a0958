package dev.mqttbridge.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Loopback port helpers for tests: pick free ports, wait until a port listens or is free again.
 *
 * <p>Everything here uses {@code 127.0.0.1} only. A port reported free can still be taken by someone else
 * before the caller binds it; callers that start external processes should retry on "address in use".
 */
public final class Ports {

  /** The only host the test infrastructure binds to and connects to. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  private Ports() {
  }

  /** Returns a loopback TCP port that was free a moment ago. */
  public static int freePort() {
    return freePorts(1).get(0);
  }

  /**
   * Returns {@code count} distinct loopback TCP ports that were free a moment ago.
   *
   * <p>All sockets are held open until every port is chosen, so the ports differ from each other.
   */
  public static List<Integer> freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      List<Integer> ports = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        // Stricter than the eventual user (who sets SO_REUSEADDR): only a port nothing at all holds is chosen.
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(loopback(), 0), 1);
        ports.add(socket.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback port", e);
    } finally {
      sockets.forEach(Ports::closeQuietly);
    }
  }

  /** Whether a TCP connect to {@code 127.0.0.1:port} succeeds right now. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(loopback(), port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether a server socket could bind {@code 127.0.0.1:port} right now, with {@code SO_REUSEADDR} set as
   * Mosquitto and Netty set it (connections in TIME_WAIT do not make the port busy).
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(loopback(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until {@code 127.0.0.1:port} accepts TCP connections.
   *
   * @return {@code true} if it does within {@code timeout}
   */
  public static boolean awaitListening(int port, Duration timeout) throws InterruptedException {
    return await(() -> isListening(port), timeout);
  }

  /**
   * Waits until {@code 127.0.0.1:port} can be bound again.
   *
   * @return {@code true} if it can within {@code timeout}
   */
  public static boolean awaitFree(int port, Duration timeout) throws InterruptedException {
    return await(() -> isFree(port), timeout);
  }

  private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByName(LOOPBACK);
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // The port is only probed; nothing to recover.
    }
  }
}
