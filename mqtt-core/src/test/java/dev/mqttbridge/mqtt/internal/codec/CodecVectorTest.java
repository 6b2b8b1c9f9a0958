package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of the codec's vector, decoder and encoder tests: byte arrays written as commented
 * {@code int}s, decoding them through a fresh decoder, encoding packets to byte arrays. Inputs are
 * direct buffers, which Netty's leak detector tracks, and each test ends with a leak check.
 */
@ExtendWith(LeakDetectionExtension.class)
abstract class CodecVectorTest {

  static final int MAX = MqttPacketDecoder.DEFAULT_MAXIMUM_PACKET_SIZE;

  /** A tracking allocator: direct buffers with leak detection. */
  static final UnpooledByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(true);

  /** The bytes, each given as an int so that 0x80..0xFF need no cast. */
  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  /** A packet: this first byte, the remaining length computed from the body, the body. */
  static byte[] packet(int firstByte, int... body) {
    ByteBuf out = Unpooled.buffer();
    out.writeByte(firstByte);
    VariableByteInteger.write(out, body.length);
    for (int b : body) {
      out.writeByte(b);
    }
    return ByteBufUtil.getBytes(out);
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** A direct buffer holding these bytes; the caller releases it. */
  static ByteBuf buffer(byte[] bytes) {
    ByteBuf buffer = Unpooled.directBuffer(Math.max(bytes.length, 1));
    buffer.writeBytes(bytes);
    return buffer;
  }

  /** The shortest CONNECT of a version, client identifier "c", clean start. */
  static byte[] minimalConnect(MqttVersion version) {
    switch (version) {
      case V3_1:
        return bytes(0x10, 0x0F, 0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03, 0x02, 0x00, 0x3C,
            0x00, 0x01, 'c');
      case V3_1_1:
        return bytes(0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C,
            0x00, 0x01, 'c');
      default:
        return bytes(0x10, 0x0E, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C, 0x00,
            0x00, 0x01, 'c');
    }
  }

  /** A server-side decoder that has decoded a CONNECT of this version. */
  static MqttPacketDecoder connectedServerDecoder(MqttVersion version) {
    MqttPacketDecoder decoder = MqttPacketDecoder.forServer(MAX);
    assertThat(decode(decoder, minimalConnect(version))).isInstanceOf(ConnectPacket.class);
    return decoder;
  }

  /** Decodes exactly one packet that fills the bytes. */
  static MqttPacket decode(MqttPacketDecoder decoder, byte[] wire) {
    ByteBuf in = buffer(wire);
    try {
      MqttPacket packet = decoder.decode(in);
      assertThat(packet).as("a whole packet").isNotNull();
      assertThat(in.readableBytes()).as("bytes left after the packet").isZero();
      return packet;
    } finally {
      in.release();
    }
  }

  /** Decodes a client-to-server packet of this version, after a CONNECT. */
  static MqttPacket decodeFromClient(MqttVersion version, byte[] wire) {
    return decode(connectedServerDecoder(version), wire);
  }

  /** Decodes a server-to-client packet of this version. */
  static MqttPacket decodeFromServer(MqttVersion version, byte[] wire) {
    return decode(MqttPacketDecoder.forClient(version, MAX), wire);
  }

  /** The exception decoding these bytes raises; asserts it has this reason code. */
  static MqttDecodeException decodeFails(
      MqttPacketDecoder decoder, byte[] wire, MqttReasonCode expected) {
    ByteBuf in = buffer(wire);
    int writerIndex = in.writerIndex();
    try {
      MqttDecodeException e =
          catchThrowableOfType(MqttDecodeException.class, () -> decoder.decode(in));
      assertThat(e).as("decoding %s", ByteBufUtil.hexDump(wire)).isNotNull();
      assertThat(e.reasonCode()).as("reason code of: %s", e.getMessage()).isEqualTo(expected);
      assertThat(in.writerIndex()).as("writer index restored").isEqualTo(writerIndex);
      return e;
    } finally {
      in.release();
    }
  }

  static MqttDecodeException clientPacketFails(
      MqttVersion version, byte[] wire, MqttReasonCode expected) {
    return decodeFails(connectedServerDecoder(version), wire, expected);
  }

  static MqttDecodeException serverPacketFails(
      MqttVersion version, byte[] wire, MqttReasonCode expected) {
    return decodeFails(MqttPacketDecoder.forClient(version, MAX), wire, expected);
  }

  /** Encodes a packet; asserts the buffer was allocated at exactly its size. */
  static byte[] encode(MqttVersion version, MqttPacket packet) {
    MqttPacketEncoder encoder = new MqttPacketEncoder(version);
    ByteBuf out = encoder.encode(packet, ALLOCATOR);
    try {
      assertThat(out.capacity()).as("allocated size").isEqualTo(out.readableBytes());
      assertThat(encoder.encodedSize(packet)).as("encodedSize").isEqualTo(out.readableBytes());
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  /** Decodes the wire bytes as this packet and encodes the packet as these bytes. */
  static void assertClientVector(MqttVersion version, byte[] wire, MqttPacket packet) {
    assertThat(decodeFromClient(version, wire)).isEqualTo(packet);
    assertThat(encode(version, packet)).containsExactly(wire);
  }

  static void assertServerVector(MqttVersion version, byte[] wire, MqttPacket packet) {
    assertThat(decodeFromServer(version, wire)).isEqualTo(packet);
    assertThat(encode(version, packet)).containsExactly(wire);
  }
}
