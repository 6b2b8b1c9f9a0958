package dev.mqttbridge.mqtt.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A socket speaking raw HTTP and WebSocket frames (RFC 6455), for upgrade requests and frame
 * layouts no client library would send: any path and subprotocol, MQTT packets split across or
 * packed into frames, text frames.
 */
final class RawWebSocket implements AutoCloseable {

  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  /** Payload bytes of received binary frames not yet returned as MQTT packets. */
  private final ByteArrayOutputStream mqttBytes = new ByteArrayOutputStream();
  private int lastOpcode = -1;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawWebSocket open(String host, int port) throws IOException {
    Socket socket = new Socket(host, port);
    socket.setSoTimeout(30_000);
    return new RawWebSocket(socket);
  }

  /** A WebSocket upgrade request for this path, offering this subprotocol (null: none). */
  static String upgradeRequest(String path, String subprotocol) {
    String key = Base64.getEncoder().encodeToString(new byte[16]);
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
  }

  RawWebSocket sendText(String text) throws IOException {
    return sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Writes the bytes as they are. */
  RawWebSocket sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** The HTTP response head (status line and headers) up to the blank line. */
  String responseHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        break;
      }
      head.write(next);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Upgrades on {@code /mqtt} with subprotocol {@code mqtt}; fails unless the server agrees. */
  RawWebSocket upgrade() throws IOException {
    sendText(upgradeRequest("/mqtt", "mqtt"));
    String head = responseHead();
    if (!head.startsWith("HTTP/1.1 101") || !head.toLowerCase().contains(
        "sec-websocket-protocol: mqtt\r\n")) {
      throw new IOException("Upgrade refused: " + head);
    }
    return this;
  }

  /** Sends one masked frame, as clients must [RFC 6455 5.3]. */
  RawWebSocket frame(int opcode, boolean fin, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    byte[] mask = header(frame, opcode, fin, payload.length);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
    return this;
  }

  /**
   * Sends only the header of a masked final binary frame announcing this payload length: what
   * a server must refuse from the header alone, before any payload comes.
   */
  RawWebSocket binaryHeaderOnly(long payloadLength) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    header(frame, BINARY, true, payloadLength);
    out.write(frame.toByteArray());
    out.flush();
    return this;
  }

  /** Writes a masked frame header [RFC 6455 5.2]; returns its masking key. */
  private static byte[] header(ByteArrayOutputStream frame, int opcode, boolean fin,
      long length) {
    frame.write((fin ? 0x80 : 0) | opcode);
    if (length < 126) {
      frame.write(0x80 | (int) length);
    } else if (length <= 0xFFFF) {
      frame.write(0x80 | 126);
      frame.write((int) (length >> 8));
      frame.write((int) length);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) (length >> shift));
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.writeBytes(mask);
    return mask;
  }

  /** Sends the bytes as one binary frame. */
  RawWebSocket binary(byte[]... packets) throws IOException {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] packet : packets) {
      joined.writeBytes(packet);
    }
    return frame(BINARY, true, joined.toByteArray());
  }

  /**
   * The next MQTT packet from the binary frames received, however the server framed them; null
   * when a close frame or the end of the stream comes first.
   */
  byte[] packet() throws IOException {
    while (true) {
      byte[] buffered = mqttBytes.toByteArray();
      int length = completePacketLength(buffered);
      if (length > 0) {
        mqttBytes.reset();
        mqttBytes.write(buffered, length, buffered.length - length);
        byte[] packet = new byte[length];
        System.arraycopy(buffered, 0, packet, 0, length);
        return packet;
      }
      byte[] payload = readFrame();
      if (payload == null || lastOpcode == CLOSE) {
        return null;
      }
      mqttBytes.writeBytes(payload);
    }
  }

  /** The opcode of the last frame read. */
  int lastOpcode() {
    return lastOpcode;
  }

  /** The payload of the next frame (its opcode in {@link #lastOpcode()}), or null at the end. */
  byte[] readFrame() throws IOException {
    int first = in.read();
    int second = in.read();
    if (first < 0 || second < 0) {
      return null;
    }
    lastOpcode = first & 0x0F;
    long length = second & 0x7F;
    if (length == 126) {
      length = ((long) in.read() << 8) | in.read();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | in.read();
      }
    }
    if ((second & 0x80) != 0) {
      throw new IOException("Servers must not mask frames");
    }
    byte[] payload = in.readNBytes((int) length);
    return payload.length == length ? payload : null;
  }

  /** Whether the server closes the connection within the time (what it sends is skipped). */
  boolean closedWithin(long millis) throws IOException {
    return RawMqttSocket.closedWithin(socket, in, millis);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** The length of the first complete MQTT packet in the bytes, or 0 if it is not all there. */
  private static int completePacketLength(byte[] bytes) {
    int length = 0;
    int shift = 0;
    for (int i = 1; i < bytes.length && i <= 4; i++) {
      length |= (bytes[i] & 0x7F) << shift;
      shift += 7;
      if ((bytes[i] & 0x80) == 0) {
        int total = i + 1 + length;
        return bytes.length >= total ? total : 0;
      }
    }
    return 0;
  }
}
