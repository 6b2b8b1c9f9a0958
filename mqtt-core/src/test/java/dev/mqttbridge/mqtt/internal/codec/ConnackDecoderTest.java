package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CONNACK rules of section 3.2, decoded by a client. */
class ConnackDecoderTest extends CodecVectorTest {

  @ParameterizedTest(name = "flags {0}")
  @CsvSource({"0x02", "0x80", "0xFF"})
  void reservedAcknowledgeFlags_isMalformed(String flags) {
    serverPacketFails(MqttVersion.V3_1_1, packet(0x20, Integer.decode(flags), 0x00),
        MqttReasonCode.MALFORMED_PACKET); // [MQTT-3.2.2-1]
  }

  @Test
  void reservedReturnCode6_v311_isMalformed() {
    serverPacketFails(MqttVersion.V3_1_1, packet(0x20, 0x00, 0x06),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void sessionPresentWithRefusal_v311_isProtocolError() {
    serverPacketFails(MqttVersion.V3_1_1, packet(0x20, 0x01, 0x05),
        MqttReasonCode.PROTOCOL_ERROR); // [MQTT-3.2.2-4]
  }

  @Test
  void sessionPresentWithRefusal_v5_isProtocolError() {
    serverPacketFails(MqttVersion.V5, packet(0x20, 0x01, 0x87, 0x00),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @ParameterizedTest(name = "reason code {0}")
  @CsvSource({"0x01", "0x04", "0x8B", "0x8E", "0x91"})
  void reasonCodeNotForConnack_v5_isMalformed(String code) {
    serverPacketFails(MqttVersion.V5, packet(0x20, 0x00, Integer.decode(code), 0x00),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void missingPropertyLength_v5_isMalformed() {
    serverPacketFails(MqttVersion.V5, packet(0x20, 0x00, 0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "0x21, 0x0000,     Receive Maximum 0",
    "0x27, 0x00000000, Maximum Packet Size 0",
    "0x24, 0x02,       Maximum QoS 2",
    "0x25, 0x02,       Retain Available 2",
    "0x28, 0x02,       Wildcard Subscription Available 2",
    "0x29, 0x03,       Subscription Identifier Available 3",
    "0x2A, 0xFF,       Shared Subscription Available 255"
  })
  void propertyValueOutOfRange_v5_isProtocolError(String id, String value, String what) {
    String hex = value.substring(2);
    int[] body = new int[3 + 1 + hex.length() / 2];
    body[2] = 1 + hex.length() / 2;
    body[3] = Integer.decode(id);
    for (int i = 0; i < hex.length() / 2; i++) {
      body[4 + i] = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    serverPacketFails(MqttVersion.V5, packet(0x20, body), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void duplicateServerKeepAlive_v5_isProtocolError() {
    serverPacketFails(MqttVersion.V5, packet(0x20, 0x00, 0x00, 0x06,
        0x13, 0x00, 0x0A,
        0x13, 0x00, 0x0B), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void requestProblemInformationInConnack_v5_isMalformed() {
    serverPacketFails(MqttVersion.V5, packet(0x20, 0x00, 0x00, 0x02, 0x17, 0x01),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void connackWithTrailingByte_v311_isMalformed() {
    serverPacketFails(MqttVersion.V3_1_1, packet(0x20, 0x00, 0x00, 0x00),
        MqttReasonCode.MALFORMED_PACKET);
  }
}
