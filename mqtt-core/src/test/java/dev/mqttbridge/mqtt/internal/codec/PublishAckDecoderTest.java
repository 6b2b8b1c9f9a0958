package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PUBACK, PUBREC, PUBREL and PUBCOMP rules of sections 3.4 to 3.7. */
class PublishAckDecoderTest extends CodecVectorTest {

  @ParameterizedTest(name = "first byte {0}")
  @CsvSource({"0x40", "0x50", "0x62", "0x70"})
  void packetIdentifier0_isProtocolError(String firstByte) {
    clientPacketFails(MqttVersion.V3_1_1, packet(Integer.decode(firstByte), 0x00, 0x00),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @ParameterizedTest(name = "first byte {0}")
  @CsvSource({"0x40", "0x50", "0x62", "0x70"})
  void remainingLength3_v311_isMalformed(String firstByte) {
    clientPacketFails(MqttVersion.V3_1_1, packet(Integer.decode(firstByte), 0x00, 0x01, 0x00),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "{0} with reason code {1}")
  @CsvSource({
    "0x40, 0x92", "0x40, 0x04", "0x50, 0x92", "0x62, 0x10", "0x62, 0x80", "0x70, 0x87",
    "0x70, 0x03"
  })
  void reasonCodeNotForThePacketType_v5_isMalformed(String firstByte, String code) {
    clientPacketFails(MqttVersion.V5,
        packet(Integer.decode(firstByte), 0x00, 0x01, Integer.decode(code)),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void propertyLengthBeyondThePacket_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5, packet(0x40, 0x00, 0x01, 0x00, 0x05, 0x1F),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void duplicateReasonString_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0x40, 0x00, 0x01, 0x00,
        0x08,
        0x1F, 0x00, 0x01, 'a',
        0x1F, 0x00, 0x01, 'b'), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void topicAliasInPuback_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5, packet(0x40, 0x00, 0x01, 0x00, 0x03, 0x23, 0x00, 0x01),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void propertyIdentifierAsMultiByteInteger_v5_isMalformed() {
    // 0x9F 0x00: a property identifier 31 written in two bytes is not in the fewest bytes.
    clientPacketFails(MqttVersion.V5, packet(0x40, 0x00, 0x01, 0x00, 0x03, 0x9F, 0x00, 0x00),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void unknownMultiBytePropertyIdentifier_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5,
        packet(0x40, 0x00, 0x01, 0x00, 0x04, 0x80, 0x01, 0x00, 0x00),
        MqttReasonCode.MALFORMED_PACKET);
  }
}
