package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time ASCII checks against the byte-at-a-time rule, for every length up to three
 * words and every position of a deciding byte, with bytes that must not count right around the
 * range checked.
 */
class AsciiScanTest extends CodecVectorTest {

  private static final int[] DECIDING = {0x00, 0x01, 0x7F, 0x80, 0xC3, 0xFF, '+', '#', '*', 'a'};

  /** Before and after the range: bytes every check rejects, so reading outside it shows. */
  private static final int GUARD = 3;

  @Test
  void agreesWithTheByteRuleForEveryLengthPositionAndByte() {
    int checked = 0;
    for (int length = 0; length <= 3 * Long.BYTES + 1; length++) {
      for (int position = 0; position < Math.max(length, 1); position++) {
        for (int deciding : DECIDING) {
          byte[] text = new byte[length];
          java.util.Arrays.fill(text, (byte) 'a');
          if (length > 0) {
            text[position] = (byte) deciding;
          }
          assertAgrees(text);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(2_000);
  }

  @Test
  void acceptsEveryPrintableAsciiByteButTheWildcardsInATopic() {
    byte[] text = new byte[0x7F];
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) (i + 1);
    }
    assertAgrees(text);
    ByteBuf in = guarded(text);
    try {
      assertThat(AsciiScan.isAsciiWithoutNull(in, GUARD, text.length)).isTrue();
      assertThat(AsciiScan.isPlainTopicName(in, GUARD, text.length)).isFalse();
    } finally {
      in.release();
    }
  }

  private static void assertAgrees(byte[] text) {
    boolean ascii = true;
    boolean topic = true;
    for (byte b : text) {
      ascii &= b > 0;
      topic &= b > 0 && b != '+' && b != '#';
    }
    ByteBuf in = guarded(text);
    try {
      assertThat(AsciiScan.isAsciiWithoutNull(in, GUARD, text.length))
          .as("ASCII without U+0000: %s", java.util.Arrays.toString(text)).isEqualTo(ascii);
      assertThat(AsciiScan.isPlainTopicName(in, GUARD, text.length))
          .as("plain topic name: %s", java.util.Arrays.toString(text)).isEqualTo(topic);
    } finally {
      in.release();
    }
  }

  /** The text with rejected bytes (U+0000, '+', 0xFF) before and after it. */
  private static ByteBuf guarded(byte[] text) {
    byte[] wire = new byte[GUARD + text.length + GUARD];
    byte[] guard = {0x00, '+', (byte) 0xFF};
    System.arraycopy(guard, 0, wire, 0, GUARD);
    System.arraycopy(text, 0, wire, GUARD, text.length);
    System.arraycopy(guard, 0, wire, GUARD + text.length, GUARD);
    return buffer(wire);
  }
}
