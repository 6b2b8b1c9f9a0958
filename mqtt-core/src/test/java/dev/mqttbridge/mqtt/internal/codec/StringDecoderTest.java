package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * UTF-8 Encoded Strings (3.1.1 section 1.5.3, 5.0 section 1.5.4): well-formed UTF-8 per RFC 3629,
 * no surrogates, no U+0000, at most 65,535 bytes. Checked here through the topic name of a
 * PUBLISH and through a user property.
 */
class StringDecoderTest extends CodecVectorTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "00,          U+0000 [MQTT-1.5.4-2]",
    "C0 80,       overlong U+0000",
    "C1 BF,       overlong two-byte form",
    "E0 80 80,    overlong three-byte form",
    "E0 9F BF,    overlong three-byte form just below U+0800",
    "F0 8F BF BF, overlong four-byte form",
    "ED A0 80,    high surrogate U+D800",
    "ED BF BF,    low surrogate U+DFFF",
    "F4 90 80 80, above U+10FFFF",
    "F5 80 80 80, lead byte F5",
    "FF,          byte FF",
    "80,          lone continuation byte",
    "C3,          truncated two-byte sequence",
    "E2 82,       truncated three-byte sequence",
    "C3 28,       second byte not a continuation",
    "E2 28 A1,    second byte of three not a continuation",
    "F0 9F 98 28, fourth byte not a continuation"
  })
  void illFormedTopicName_isMalformed(String hex, String what) {
    byte[] text = hex(hex);
    int[] body = new int[3 + text.length];
    body[1] = text.length + 1;
    body[2] = 'a';
    for (int i = 0; i < text.length; i++) {
      body[3 + i] = text[i] & 0xFF;
    }
    clientPacketFails(MqttVersion.V3_1_1, packet(0x30, body), MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "C2 80,       U+0080",
    "DF BF,       U+07FF",
    "E0 A0 80,    U+0800",
    "ED 9F BF,    U+D7FF just below the surrogates",
    "EE 80 80,    U+E000 just above the surrogates",
    "EF BF BF,    U+FFFF",
    "F0 90 80 80, U+10000",
    "F4 8F BF BF, U+10FFFF"
  })
  void wellFormedMultiByteTopicName_decodesToTheSameText(String hex, String what) {
    byte[] text = hex(hex);
    int[] body = new int[2 + text.length];
    body[1] = text.length;
    for (int i = 0; i < text.length; i++) {
      body[2 + i] = text[i] & 0xFF;
    }
    PublishPacket publish = (PublishPacket) decodeFromClient(MqttVersion.V3_1_1, packet(0x30, body));

    assertThat(publish.message().topic())
        .isEqualTo(new String(text, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void illFormedUserPropertyValue_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x01, 't',
        0x07,                                   // property length 7
        0x26, 0x00, 0x01, 'k', 0x00, 0x01, 0xC0), // user property k=<C0>
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void maximumLengthString_decodes() {
    byte[] text = new byte[65_535];
    java.util.Arrays.fill(text, (byte) 'x');
    ByteBuf in = buffer(new byte[] {(byte) 0xFF, (byte) 0xFF});
    try {
      in.writeBytes(text);
      assertThat(WireReader.readString(in, "text")).hasSize(65_535);
    } finally {
      in.release();
    }
  }

  @Test
  void nonAsciiAfterAsciiPrefix_decodesCorrectly() {
    ByteBuf in = buffer(bytes(0x00, 0x05, 'a', 'b', 0xE2, 0x82, 0xAC)); // "ab€"
    try {
      assertThat(WireReader.readString(in, "text")).isEqualTo("ab\u20AC");
    } finally {
      in.release();
    }
  }

  private static byte[] hex(String hex) {
    String[] parts = hex.trim().split(" ");
    byte[] bytes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return bytes;
  }
}
