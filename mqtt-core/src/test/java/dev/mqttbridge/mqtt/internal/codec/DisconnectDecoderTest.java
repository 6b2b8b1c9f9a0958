package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DISCONNECT (section 3.14) and AUTH (section 3.15) rules. */
class DisconnectDecoderTest extends CodecVectorTest {

  @Test
  void disconnectWithABody_v311_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1, packet(0xE0, 0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "reason code {0}")
  @CsvSource({"0x01", "0x10", "0x84", "0x85", "0x86", "0x88", "0x8A", "0x8C", "0x91", "0x92"})
  void reasonCodeNotForDisconnect_v5_isMalformed(String code) {
    clientPacketFails(MqttVersion.V5, packet(0xE0, Integer.decode(code)),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void sessionExpiryIntervalFromServer_v5_isProtocolError() {
    serverPacketFails(MqttVersion.V5, packet(0xE0, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x01),
        MqttReasonCode.PROTOCOL_ERROR); // [MQTT-3.14.2-2]
  }

  @Test
  void duplicateServerReference_v5_isProtocolError() {
    serverPacketFails(MqttVersion.V5, packet(0xE0, 0x9C, 0x08,
        0x1C, 0x00, 0x01, 'a',
        0x1C, 0x00, 0x01, 'b'), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void topicAliasInDisconnect_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5, packet(0xE0, 0x00, 0x03, 0x23, 0x00, 0x01),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "reason code {0}")
  @CsvSource({"0x01", "0x80", "0x87"})
  void reasonCodeNotForAuth_v5_isMalformed(String code) {
    clientPacketFails(MqttVersion.V5,
        packet(0xF0, Integer.decode(code), 0x05, 0x15, 0x00, 0x02, 'm', 'x'),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void authWithoutMethod_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0xF0, 0x18, 0x00), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void authWithSessionExpiry_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5, packet(0xF0, 0x18, 0x0A,
        0x15, 0x00, 0x02, 'm', 'x',
        0x11, 0x00, 0x00, 0x00, 0x01), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void duplicateAuthenticationData_v5_isProtocolError() {
    serverPacketFails(MqttVersion.V5, packet(0xF0, 0x18, 0x0A,
        0x15, 0x00, 0x01, 'm',
        0x16, 0x00, 0x00,
        0x16, 0x00, 0x00), MqttReasonCode.PROTOCOL_ERROR);
  }
}
