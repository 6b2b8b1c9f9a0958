package dev.mqttbridge.kafka.connect.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP front for a broker that answers as a server speaking only MQTT 3.1.1 and 3.1 does: an MQTT
 * 5 CONNECT gets a CONNACK with 3.1.1 return code 1 (unacceptable protocol version) and the
 * connection closes (MQTT 5.0 section 3.1.4); other connections are relayed to the broker
 * unchanged. Lets a test see a client's {@code auto} version fall back against real brokers that
 * themselves speak 5.
 */
final class Mqtt311OnlyGate implements AutoCloseable {

  private static final byte[] CONNACK_UNACCEPTABLE_VERSION = {0x20, 0x02, 0x00, 0x01};

  private final ServerSocket server;
  private final int targetPort;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "mqtt311-gate");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refusedMqtt5 = new AtomicInteger();
  private final AtomicInteger relayed = new AtomicInteger();

  private Mqtt311OnlyGate(int targetPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    threads.execute(this::acceptLoop);
  }

  /** Starts a gate in front of the broker on {@code 127.0.0.1:targetPort}. */
  static Mqtt311OnlyGate start(int targetPort) throws IOException {
    return new Mqtt311OnlyGate(targetPort);
  }

  /** {@code tcp://127.0.0.1:PORT} of the gate. */
  String uri() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /** MQTT 5 CONNECTs refused so far. */
  int refusedMqtt5() {
    return refusedMqtt5.get();
  }

  /** Connections relayed to the broker so far (3.1.1 and 3.1). */
  int relayed() {
    return relayed.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      byte[] connect = readPacket(in);
      if (protocolLevel(connect) == 5) {
        refusedMqtt5.incrementAndGet();
        client.getOutputStream().write(CONNACK_UNACCEPTABLE_VERSION);
        client.getOutputStream().flush();
        client.close();
        return;
      }
      Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      sockets.add(broker);
      relayed.incrementAndGet();
      broker.getOutputStream().write(connect);
      threads.execute(() -> pipe(broker, client));
      pipe(client, broker);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  /** Copies until either side closes, then closes both. */
  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** The whole first packet: fixed header byte, remaining length, body. */
  private static byte[] readPacket(InputStream in) throws IOException {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(readByte(in));
    int length = 0;
    int shift = 0;
    int next;
    do {
      next = readByte(in);
      packet.write(next);
      length |= (next & 0x7F) << shift;
      shift += 7;
    } while ((next & 0x80) != 0 && shift < 28);
    packet.write(in.readNBytes(length));
    return packet.toByteArray();
  }

  /** CONNECT: after the remaining length, a 2-byte protocol name length, the name, the level. */
  private static int protocolLevel(byte[] connect) {
    int offset = 1;
    while ((connect[offset] & 0x80) != 0) {
      offset++;
    }
    offset++;
    int nameLength = ((connect[offset] & 0xFF) << 8) | (connect[offset + 1] & 0xFF);
    return connect[offset + 2 + nameLength] & 0xFF;
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("closed before CONNECT");
    }
    return b;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(Mqtt311OnlyGate::closeQuietly);
    threads.shutdownNow();
  }
}
