package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The Variable Byte Integer: the specifications' own table of boundaries (3.1.1 table 2.4, 5.0
 * table 1-1), and the remaining length of real packets.
 */
class VariableByteIntegerVectorTest extends CodecVectorTest {

  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({
    "0,         00",
    "127,       7f",
    "128,       8001",
    "16383,     ff7f",
    "16384,     808001",
    "2097151,   ffff7f",
    "2097152,   80808001",
    "268435455, ffffff7f"
  })
  void specExample_encodesAndDecodes(int value, String hex) {
    ByteBuf out = Unpooled.directBuffer(4);
    try {
      VariableByteInteger.write(out, value);
      assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex);
      assertThat(VariableByteInteger.size(value)).isEqualTo(hex.length() / 2);
      assertThat(VariableByteInteger.read(out, "value")).isEqualTo(value);
      assertThat(out.isReadable()).isFalse();
    } finally {
      out.release();
    }
  }

  @Test
  void fiveBytes_isMalformed() {
    ByteBuf in = buffer(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
    try {
      assertThatThrownBy(() -> VariableByteInteger.read(in, "value"))
          .isInstanceOfSatisfying(MqttDecodeException.class,
              e -> assertThat(e.reasonCode()).isEqualTo(MqttReasonCode.MALFORMED_PACKET));
    } finally {
      in.release();
    }
  }

  @Test
  void nonMinimalEncoding_isMalformed() {
    ByteBuf in = buffer(bytes(0x80, 0x00)); // 0 in two bytes [MQTT-1.5.5-1]
    try {
      assertThatThrownBy(() -> VariableByteInteger.read(in, "value"))
          .isInstanceOfSatisfying(MqttDecodeException.class,
              e -> assertThat(e.reasonCode()).isEqualTo(MqttReasonCode.MALFORMED_PACKET));
    } finally {
      in.release();
    }
  }

  @Test
  void peekOfPartialInteger_isIncomplete() {
    ByteBuf in = buffer(bytes(0x80, 0x80));
    try {
      assertThat(VariableByteInteger.peek(in, 0, 2, "value"))
          .isEqualTo(VariableByteInteger.INCOMPLETE);
    } finally {
      in.release();
    }
  }

  @ParameterizedTest(name = "payload {0} bytes")
  @CsvSource({"121, 7f", "122, 8001", "16377, ff7f", "16378, 808001"})
  void publishRemainingLength_atTheBoundaries_decodesAndEncodes(int payloadSize, String header) {
    // Topic name "abcd" takes 6 bytes, so the remaining lengths are 127, 128, 16383 and 16384.
    byte[] payload = new byte[payloadSize];
    PublishPacket packet = PublishPacket.of(MqttMessage.builder("abcd").payload(payload).build(), 0);
    byte[] wire = encode(MqttVersion.V3_1_1, packet);

    assertThat(ByteBufUtil.hexDump(wire, 1, header.length() / 2)).isEqualTo(header);
    assertThat(decodeFromClient(MqttVersion.V3_1_1, wire)).isEqualTo(packet);
  }
}
