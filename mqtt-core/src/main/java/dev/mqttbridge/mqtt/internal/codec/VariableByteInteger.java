package dev.mqttbridge.mqtt.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * The Variable Byte Integer of MQTT (3.1.1 section 2.2.3, 5.0 section 1.5.5): seven bits per byte,
 * least significant group first, the high bit set on every byte but the last; one to four bytes.
 */
final class VariableByteInteger {

  /** The largest value four bytes hold. */
  static final int MAX_VALUE = 268_435_455;

  /** {@link #peek} result when the bytes end before the integer does. */
  static final long INCOMPLETE = -1;

  private static final int MAX_BYTES = 4;

  private VariableByteInteger() {}

  /** How many bytes {@code value} (0 to {@link #MAX_VALUE}) takes. */
  static int size(int value) {
    if (value < 0x80) {
      return 1;
    }
    if (value < 0x4000) {
      return 2;
    }
    return value < 0x20_0000 ? 3 : 4;
  }

  /** Writes {@code value} (0 to {@link #MAX_VALUE}) in the fewest bytes [MQTT-1.5.5-1]. */
  static void write(ByteBuf out, int value) {
    do {
      int digit = value & 0x7F;
      value >>>= 7;
      out.writeByte(value > 0 ? digit | 0x80 : digit);
    } while (value > 0);
  }

  /**
   * Decodes the integer starting at {@code index} without moving the reader index.
   *
   * @param limit the index after the last byte that may be read
   * @return the value in the low 32 bits and the number of bytes in the high 32 bits, or {@link
   *     #INCOMPLETE} when the bytes up to {@code limit} end inside the integer
   * @throws MqttDecodeException MALFORMED_PACKET for more than four bytes, or for an encoding that
   *     is not the shortest [MQTT-1.5.5-1]
   */
  static long peek(ByteBuf in, int index, int limit, String what) {
    int value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (index + i >= limit) {
        return INCOMPLETE;
      }
      int b = in.getUnsignedByte(index + i);
      value |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw MqttDecodeException.malformed(
              what + " is not encoded in the fewest bytes [MQTT-1.5.5-1]");
        }
        return ((long) (i + 1) << 32) | value;
      }
    }
    throw MqttDecodeException.malformed(what + " is longer than four bytes");
  }

  /**
   * Reads an integer from the readable bytes.
   *
   * @throws MqttDecodeException MALFORMED_PACKET when the readable bytes end inside it, or as
   *     {@link #peek}
   */
  static int read(ByteBuf in, String what) {
    int index = in.readerIndex();
    long decoded = peek(in, index, in.writerIndex(), what);
    if (decoded == INCOMPLETE) {
      throw MqttDecodeException.malformed(what + " runs past the end of the packet");
    }
    in.readerIndex(index + (int) (decoded >>> 32));
    return (int) decoded;
  }
}
