package dev.mqttbridge.kafka.connect.mapping;

import java.nio.ByteBuffer;

/** Connect hands BYTES values as {@code byte[]} or {@link ByteBuffer}; MQTT wants arrays. */
public final class ByteBuffers {

  private ByteBuffers() {}

  /** The buffer's remaining bytes as a new array, leaving the buffer's position where it was. */
  public static byte[] copyOf(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }
}
