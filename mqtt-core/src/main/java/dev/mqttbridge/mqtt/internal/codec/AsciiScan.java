package dev.mqttbridge.mqtt.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * Checks a run of bytes for plain ASCII eight bytes at a time: the fast path of string decoding,
 * since nearly every string in MQTT traffic is ASCII. A byte at a time through a {@code
 * ByteProcessor} costs several times more on the short strings of a PUBLISH.
 *
 * <p>Word tricks: a byte is non-ASCII when its high bit is set, and {@code (w - 0x01..01) & ~w &
 * 0x80..80} is non-zero exactly when some byte of {@code w} is zero; XOR with a repeated byte turns
 * "equals that byte" into "is zero".
 */
final class AsciiScan {

  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long PLUS = '+' * ONES;
  private static final long HASH = '#' * ONES;

  private AsciiScan() {}

  /** Whether every byte is 0x01..0x7F: ASCII without U+0000. */
  static boolean isAsciiWithoutNull(ByteBuf in, int index, int length) {
    return scan(in, index, length, false);
  }

  /** Whether every byte is 0x01..0x7F and neither '+' nor '#': a valid ASCII topic name. */
  static boolean isPlainTopicName(ByteBuf in, int index, int length) {
    return scan(in, index, length, true);
  }

  private static boolean scan(ByteBuf in, int index, int length, boolean topic) {
    if (length < Long.BYTES) {
      for (int i = index; i < index + length; i++) {
        byte b = in.getByte(i);
        if (b <= 0 || (topic && (b == '+' || b == '#'))) {
          return false;
        }
      }
      return true;
    }
    int last = index + length - Long.BYTES;
    for (int i = index; ; i += Long.BYTES) {
      // The last word may overlap the one before: rechecking bytes is harmless.
      long word = in.getLong(Math.min(i, last));
      if ((word & HIGH_BITS) != 0 || hasZeroByte(word)
          || (topic && (hasZeroByte(word ^ PLUS) || hasZeroByte(word ^ HASH)))) {
        return false;
      }
      if (i >= last) {
        return true;
      }
    }
  }

  private static boolean hasZeroByte(long word) {
    return ((word - ONES) & ~word & HIGH_BITS) != 0;
  }
}
