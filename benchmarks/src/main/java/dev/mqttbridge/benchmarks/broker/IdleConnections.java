package dev.mqttbridge.benchmarks.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many idle MQTT 3.1.1 connections to a broker and holds them, to measure the broker's heap
 * per idle connection from outside its process (so that the clients' own objects are not
 * counted).
 *
 * <p>Method: start the broker in its own JVM, force a full GC and read the live heap ({@code jcmd
 * PID GC.run} then {@code jcmd PID GC.class_histogram}, last line); run this tool; when it prints
 * {@code connected N}, force a GC and read the live heap again; divide the difference by N.
 *
 * <pre>
 * java -jar mqtt-bridge.jar broker --port 18830 --max-connections 20000
 * java -cp benchmarks.jar dev.mqttbridge.benchmarks.broker.IdleConnections 127.0.0.1 18830 10000 300
 * </pre>
 *
 * <p>Arguments: host, port, connection count, seconds to hold them (each CONNECT has keep alive
 * 600 s, so the broker keeps them). The process needs a file descriptor limit above the count.
 */
public final class IdleConnections {

  private IdleConnections() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    long holdSeconds = args.length > 3 ? Long.parseLong(args[3]) : 120;
    InetSocketAddress address = new InetSocketAddress(host, port);
    List<SocketChannel> channels = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SocketChannel channel = SocketChannel.open(address);
      writeFully(channel, connectPacket(String.format("idle-%06d", i)));
      channels.add(channel);
    }
    int accepted = 0;
    ByteBuffer connack = ByteBuffer.allocate(4);
    for (SocketChannel channel : channels) {
      connack.clear();
      while (connack.hasRemaining() && channel.read(connack) >= 0) {
        // CONNACK is four bytes
      }
      if (connack.get(0) == 0x20 && connack.get(3) == 0) {
        accepted++;
      }
    }
    System.out.println("connected " + accepted);
    Thread.sleep(holdSeconds * 1000);
    for (SocketChannel channel : channels) {
      channel.close();
    }
  }

  private static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** CONNECT, MQTT 3.1.1, clean session, keep alive 600 s. */
  private static ByteBuffer connectPacket(String clientId) {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    int remaining = 10 + 2 + id.length;
    ByteBuffer packet = ByteBuffer.allocate(2 + remaining);
    packet.put((byte) 0x10).put((byte) remaining);
    packet.put(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02});
    packet.putShort((short) 600).putShort((short) id.length).put(id);
    return packet.flip();
  }
}
