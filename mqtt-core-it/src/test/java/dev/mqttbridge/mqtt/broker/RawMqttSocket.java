package dev.mqttbridge.mqtt.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A socket speaking raw MQTT 3.1.1 bytes, for clients no library would let us write. */
final class RawMqttSocket implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawMqttSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects the TCP socket only. */
  static RawMqttSocket open(String host, int port) throws IOException {
    Socket socket = new Socket(host, port);
    socket.setSoTimeout(30_000);
    return new RawMqttSocket(socket);
  }

  /** Speaks over this connected socket, for example a TLS one. */
  static RawMqttSocket over(Socket socket) throws IOException {
    socket.setSoTimeout(30_000);
    return new RawMqttSocket(socket);
  }

  /**
   * Connects with tiny socket buffers, so that a client that stops reading fills them (and the
   * broker's) quickly.
   */
  static RawMqttSocket openWithSmallBuffers(String host, int port) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.setSendBufferSize(4096);
    socket.connect(new InetSocketAddress(host, port));
    socket.setSoTimeout(30_000);
    return new RawMqttSocket(socket);
  }

  /** Sends CONNECT (3.1.1, clean session) and checks the CONNACK accepts it. */
  RawMqttSocket connect(String clientId, int keepAlive) throws IOException {
    return connect(connectPacket(clientId, keepAlive, true));
  }

  /** Sends this CONNECT and checks the CONNACK accepts it. */
  RawMqttSocket connect(byte[] connectPacket) throws IOException {
    send(connectPacket);
    byte[] connack = packet();
    if (connack == null || connack[0] != 0x20 || connack[3] != 0) {
      throw new IOException("Not accepted: " + (connack == null ? "closed" : connack[3]));
    }
    return this;
  }

  RawMqttSocket send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** The next packet, fixed header included, or null at end of stream. */
  byte[] packet() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(first);
    int length = 0;
    int shift = 0;
    int digit;
    do {
      digit = in.read();
      if (digit < 0) {
        return null;
      }
      packet.write(digit);
      length |= (digit & 0x7F) << shift;
      shift += 7;
    } while ((digit & 0x80) != 0);
    packet.write(in.readNBytes(length));
    return packet.toByteArray();
  }

  /** Whether the broker closes the connection within the time (bytes it sends are skipped). */
  boolean closedWithin(long millis) throws IOException {
    return closedWithin(socket, in, millis);
  }

  /**
   * Whether the peer closes (or resets) the socket within the time, reading and skipping what it
   * sends meanwhile; {@code in} is the socket's input stream.
   */
  static boolean closedWithin(Socket socket, InputStream in, long millis) throws IOException {
    socket.setSoTimeout((int) millis);
    try {
      while (in.read() >= 0) {
        // skip
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static byte[] connectPacket(String clientId, int keepAlive) {
    return connectPacket(clientId, keepAlive, true);
  }

  static byte[] connectPacket(String clientId, int keepAlive, boolean cleanSession) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) (cleanSession ? 0x02 : 0),
        (byte) (keepAlive >> 8), (byte) keepAlive});
    writeString(body, clientId);
    return withFixedHeader(0x10, body.toByteArray());
  }

  static byte[] publishPacket(String topic, int qos, int packetId, byte[] payload) {
    return publishPacket(topic, qos, packetId, payload, false);
  }

  static byte[] publishPacket(String topic, int qos, int packetId, byte[] payload,
      boolean retain) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    if (qos > 0) {
      body.write(packetId >> 8);
      body.write(packetId);
    }
    body.writeBytes(payload);
    return withFixedHeader(0x30 | (qos << 1) | (retain ? 1 : 0), body.toByteArray());
  }

  static byte[] subscribePacket(int packetId, String filter, int qos) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(packetId >> 8);
    body.write(packetId);
    writeString(body, filter);
    body.write(qos);
    return withFixedHeader(0x82, body.toByteArray());
  }

  private static void writeString(ByteArrayOutputStream body, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    body.write(bytes.length >> 8);
    body.write(bytes.length);
    body.writeBytes(bytes);
  }

  static byte[] withFixedHeader(int first, byte[] body) {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(first);
    int length = body.length;
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.writeBytes(body);
    return packet.toByteArray();
  }
}
