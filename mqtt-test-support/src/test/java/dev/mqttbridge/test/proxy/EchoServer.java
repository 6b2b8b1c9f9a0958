package dev.mqttbridge.test.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking TCP echo server on a free loopback port, one thread per connection, that can also push bytes
 * to its clients unasked (to test the target-to-client direction on its own).
 */
final class EchoServer implements AutoCloseable {

  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ended = new AtomicInteger();

  EchoServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor = new Thread(this::acceptLoop, "echo-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections that ended (end of stream or reset) since start. */
  int endedConnections() {
    return ended.get();
  }

  /** Writes {@code bytes} to every open connection, from the server side. */
  void push(byte[] bytes) throws IOException {
    for (Socket socket : sockets) {
      synchronized (socket) {
        socket.getOutputStream().write(bytes);
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket socket = server.accept();
        sockets.add(socket);
        Thread echo = new Thread(() -> echo(socket), "echo-" + socket.getPort());
        echo.setDaemon(true);
        echo.start();
      }
    } catch (IOException closed) {
      // close() was called.
    }
  }

  private void echo(Socket socket) {
    byte[] buffer = new byte[8192];
    try (socket; InputStream in = socket.getInputStream()) {
      int read;
      while ((read = in.read(buffer)) != -1) {
        synchronized (socket) {
          socket.getOutputStream().write(buffer, 0, read);
        }
      }
    } catch (IOException reset) {
      // A cut connection ends here too.
    } finally {
      sockets.remove(socket);
      ended.incrementAndGet();
    }
  }
}
