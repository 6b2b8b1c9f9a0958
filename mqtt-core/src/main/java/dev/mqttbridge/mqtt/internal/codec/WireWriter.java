package dev.mqttbridge.mqtt.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Sizes and writes MQTT strings and binary data. The encoder measures a packet first and allocates
 * a buffer of exactly that size, so every {@code size} here must match what {@code write} writes.
 */
final class WireWriter {

  /** The longest string or binary value: its length prefix is two bytes. */
  static final int MAX_LENGTH = 65_535;

  private WireWriter() {}

  /**
   * The size of a UTF-8 Encoded String: two length bytes and the UTF-8 bytes.
   *
   * @throws IllegalArgumentException when it is longer than 65,535 bytes
   */
  static int stringSize(String text, String what) {
    int length = ByteBufUtil.utf8Bytes(text);
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          what + " is " + length + " bytes in UTF-8, more than the maximum of " + MAX_LENGTH);
    }
    return 2 + length;
  }

  /**
   * Writes a string that {@link #stringSize} accepted, straight from the chars. The length prefix
   * is filled in after the bytes, so the text is scanned once here, not twice: the buffer has
   * exactly the measured room, which is at least what the text needs.
   */
  static void writeString(ByteBuf out, String text) {
    int lengthIndex = out.writerIndex();
    out.writerIndex(lengthIndex + 2);
    int length = ByteBufUtil.reserveAndWriteUtf8(out, text, out.writableBytes());
    out.setShort(lengthIndex, length);
  }

  /**
   * The size of Binary Data: two length bytes and the bytes.
   *
   * @throws IllegalArgumentException when it is longer than 65,535 bytes
   */
  static int binarySize(byte[] data, String what) {
    if (data.length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          what + " is " + data.length + " bytes, more than the maximum of " + MAX_LENGTH);
    }
    return 2 + data.length;
  }

  static void writeBinary(ByteBuf out, byte[] data) {
    out.writeShort(data.length);
    out.writeBytes(data);
  }
}
