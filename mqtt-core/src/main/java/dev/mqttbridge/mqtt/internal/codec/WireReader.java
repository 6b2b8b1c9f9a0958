package dev.mqttbridge.mqtt.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads MQTT data types from the readable bytes of a buffer, checking every length first: a value
 * that runs past the readable bytes is MALFORMED_PACKET, never an IndexOutOfBoundsException. The
 * packet decoders limit the writer index to the end of the packet (or of its properties), so
 * "readable" means "inside the packet".
 */
final class WireReader {

  private static final byte[] EMPTY = new byte[0];

  private WireReader() {}

  static int readUnsignedByte(ByteBuf in, String what) {
    if (!in.isReadable()) {
      throw missing(what, 1, in);
    }
    return in.readUnsignedByte();
  }

  /** A Two Byte Integer. */
  static int readUnsignedShort(ByteBuf in, String what) {
    if (in.readableBytes() < 2) {
      throw missing(what, 2, in);
    }
    return in.readUnsignedShort();
  }

  /** A Four Byte Integer, 0 to 4,294,967,295. */
  static long readUnsignedInt(ByteBuf in, String what) {
    if (in.readableBytes() < 4) {
      throw missing(what, 4, in);
    }
    return in.readUnsignedInt();
  }

  /** A packet identifier: non-zero [MQTT-2.2.1-3] [MQTT-2.3.1-1]. */
  static int readPacketId(ByteBuf in) {
    int packetId = readUnsignedShort(in, "Packet identifier");
    if (packetId == 0) {
      throw MqttDecodeException.protocolError("Packet identifier 0 is not allowed [MQTT-2.2.1-3]");
    }
    return packetId;
  }

  /**
   * A UTF-8 Encoded String: a two-byte length and well-formed UTF-8 without U+0000 [MQTT-1.5.4-1]
   * [MQTT-1.5.4-2] (3.1.1: [MQTT-1.5.3-1] [MQTT-1.5.3-2]).
   */
  static String readString(ByteBuf in, String what) {
    int length = readUnsignedShort(in, what);
    if (length == 0) {
      return "";
    }
    if (in.readableBytes() < length) {
      throw missing(what, length, in);
    }
    int index = in.readerIndex();
    boolean ascii = validateUtf8(in, index, length, what);
    // All-ASCII text decodes byte for byte, and ISO-8859-1 is the JDK's cheapest decoder for it.
    String text =
        in.toString(index, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    in.readerIndex(index + length);
    return text;
  }

  /** Binary Data: a two-byte length and that many bytes, copied. */
  static byte[] readBinary(ByteBuf in, String what) {
    int length = readUnsignedShort(in, what);
    if (in.readableBytes() < length) {
      throw missing(what, length, in);
    }
    return readBytes(in, length);
  }

  /** Every readable byte, copied: a payload. */
  static byte[] readRemaining(ByteBuf in) {
    return readBytes(in, in.readableBytes());
  }

  private static byte[] readBytes(ByteBuf in, int length) {
    if (length == 0) {
      return EMPTY;
    }
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  /**
   * Checks that the bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates
   * U+D800..U+DFFF, nothing above U+10FFFF) without U+0000.
   *
   * @return whether every byte is ASCII
   * @throws MqttDecodeException MALFORMED_PACKET otherwise
   */
  static boolean validateUtf8(ByteBuf in, int index, int length, String what) {
    if (AsciiScan.isAsciiWithoutNull(in, index, length)) {
      return true;
    }
    int end = index + length;
    int i = index;
    while (i < end) {
      int b0 = in.getByte(i) & 0xFF;
      if (b0 < 0x80) {
        if (b0 == 0) {
          throw MqttDecodeException.malformed(what + " contains U+0000 [MQTT-1.5.4-2]");
        }
        i++;
      } else if (b0 < 0xC2) {
        // 0x80..0xBF cannot start a character; 0xC0 and 0xC1 only start overlong forms.
        throw badUtf8(what, i - index);
      } else if (b0 < 0xE0) {
        continuation(in, index, i + 1, end, 0x80, 0xBF, what);
        i += 2;
      } else if (b0 < 0xF0) {
        // E0 needs A0.. to avoid overlong forms; ED stops at 9F because ED A0..ED BF are surrogates.
        int low = b0 == 0xE0 ? 0xA0 : 0x80;
        int high = b0 == 0xED ? 0x9F : 0xBF;
        continuation(in, index, i + 1, end, low, high, what);
        continuation(in, index, i + 2, end, 0x80, 0xBF, what);
        i += 3;
      } else if (b0 < 0xF5) {
        // F0 needs 90.. to avoid overlong forms; F4 stops at 8F, the end of U+10FFFF.
        int low = b0 == 0xF0 ? 0x90 : 0x80;
        int high = b0 == 0xF4 ? 0x8F : 0xBF;
        continuation(in, index, i + 1, end, low, high, what);
        continuation(in, index, i + 2, end, 0x80, 0xBF, what);
        continuation(in, index, i + 3, end, 0x80, 0xBF, what);
        i += 4;
      } else {
        throw badUtf8(what, i - index);
      }
    }
    return false;
  }

  /** Checks the continuation byte at {@code i} of the string starting at {@code start}. */
  private static void continuation(
      ByteBuf in, int start, int i, int end, int low, int high, String what) {
    if (i >= end) {
      throw MqttDecodeException.malformed(what + " ends inside a UTF-8 sequence [MQTT-1.5.4-1]");
    }
    int b = in.getByte(i) & 0xFF;
    if (b < low || b > high) {
      throw badUtf8(what, i - start);
    }
  }

  private static MqttDecodeException badUtf8(String what, int offset) {
    return MqttDecodeException.malformed(
        what + " is not well-formed UTF-8 (at byte " + offset + ") [MQTT-1.5.4-1]");
  }

  private static MqttDecodeException missing(String what, int needed, ByteBuf in) {
    return MqttDecodeException.malformed(
        what + " needs " + needed + " bytes but only " + in.readableBytes() + " remain");
  }
}
