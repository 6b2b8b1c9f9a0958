package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PUBACK, PUBREC, PUBREL and PUBCOMP byte vectors, both directions. */
class PublishAckVectorTest extends CodecVectorTest {

  @Test
  void puback_v311_decodesAndEncodes() {
    byte[] wire = bytes(0x40, 0x02, 0x00, 0x07); // PUBACK, remaining length 2, packet id 7
    assertClientVector(MqttVersion.V3_1_1, wire, PubackPacket.of(7));
    assertServerVector(MqttVersion.V3_1_1, wire, PubackPacket.of(7));
  }

  @Test
  void pubrec_v31_decodesAndEncodes() {
    byte[] wire = bytes(0x50, 0x02, 0xFF, 0xFF); // PUBREC, packet id 65535
    assertServerVector(MqttVersion.V3_1, wire, PubrecPacket.of(65_535));
  }

  @Test
  void pubrelWithFlags0010_v311_decodesAndEncodes() {
    byte[] wire = bytes(0x62, 0x02, 0x00, 0x01); // PUBREL (flags 0010), packet id 1
    assertClientVector(MqttVersion.V3_1_1, wire, PubrelPacket.of(1));
  }

  @Test
  void pubcomp_v311_decodesAndEncodes() {
    byte[] wire = bytes(0x70, 0x02, 0x01, 0x00); // PUBCOMP, packet id 256
    assertServerVector(MqttVersion.V3_1_1, wire, PubcompPacket.of(256));
  }

  @Test
  void pubackShortForm_v5_meansSuccessWithoutProperties() {
    byte[] wire = bytes(0x40, 0x02, 0x00, 0x07); // PUBACK, remaining length 2: Success
    assertClientVector(MqttVersion.V5, wire, PubackPacket.of(7));
  }

  @Test
  void pubackReasonCodeOnly_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x40, 0x03,   // PUBACK, remaining length 3
        0x00, 0x07,   // packet id 7
        0x10);        // No matching subscribers, no property length
    assertServerVector(MqttVersion.V5, wire,
        new PubackPacket(7, MqttReasonCode.NO_MATCHING_SUBSCRIBERS, ReasonProperties.NONE));
  }

  @Test
  void pubackWithEmptyPropertyLength_v5_decodesAsShortForm() {
    byte[] wire = bytes(
        0x40, 0x04,   // PUBACK, remaining length 4
        0x00, 0x07,   // packet id 7
        0x00,         // Success
        0x00);        // property length 0
    assertThat(decodeFromClient(MqttVersion.V5, wire)).isEqualTo(PubackPacket.of(7));
  }

  @Test
  void pubrecWithReasonString_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x50, 0x0A,                   // PUBREC, remaining length 10
        0x00, 0x07,                   // packet id 7
        0x80,                         // Unspecified error
        0x06,                         // property length 6
        0x1F, 0x00, 0x03, 'b', 'a', 'd'); // reason string "bad"
    assertClientVector(MqttVersion.V5, wire, new PubrecPacket(7,
        MqttReasonCode.UNSPECIFIED_ERROR, new ReasonProperties("bad", List.of())));
  }

  @Test
  void pubrelPacketIdentifierNotFound_v5_decodesAndEncodes() {
    byte[] wire = bytes(0x62, 0x03, 0x00, 0x07, 0x92); // PUBREL, id 7, Packet Identifier not found
    assertServerVector(MqttVersion.V5, wire, new PubrelPacket(7,
        MqttReasonCode.PACKET_IDENTIFIER_NOT_FOUND, ReasonProperties.NONE));
  }

  @Test
  void pubcompSuccessWithUserProperty_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x70, 0x0B,                   // PUBCOMP, remaining length 11
        0x00, 0x07,                   // packet id 7
        0x00,                         // Success
        0x07,                         // property length 7
        0x26, 0x00, 0x01, 'a', 0x00, 0x01, 'b'); // user property a=b
    assertClientVector(MqttVersion.V5, wire, new PubcompPacket(7, MqttReasonCode.SUCCESS,
        new ReasonProperties(null, List.of(MqttUserProperty.of("a", "b")))));
  }

  @Test
  void pubackWithReasonCodeAndProperties_v311_encoderLeavesThemOut() {
    PubackPacket packet = new PubackPacket(9, MqttReasonCode.QUOTA_EXCEEDED,
        new ReasonProperties("full", List.of()));

    assertThat(encode(MqttVersion.V3_1_1, packet)).containsExactly(0x40, 0x02, 0x00, 0x09);
  }
}
