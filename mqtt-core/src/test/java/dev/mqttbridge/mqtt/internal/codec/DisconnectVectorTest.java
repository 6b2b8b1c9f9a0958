package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectProperties;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DISCONNECT, PINGREQ and PINGRESP byte vectors. */
class DisconnectVectorTest extends CodecVectorTest {

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void pingreq_everyVersion_decodesAndEncodes(MqttVersion version) {
    assertClientVector(version, bytes(0xC0, 0x00), PingreqPacket.INSTANCE);
  }

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void pingresp_everyVersion_decodesAndEncodes(MqttVersion version) {
    assertServerVector(version, bytes(0xD0, 0x00), PingrespPacket.INSTANCE);
  }

  @Test
  void disconnect_v311_decodesAndEncodes() {
    assertClientVector(MqttVersion.V3_1_1, bytes(0xE0, 0x00), DisconnectPacket.NORMAL);
  }

  @Test
  void disconnectWithReasonCode_v311_encoderLeavesItOut() {
    assertThat(encode(MqttVersion.V3_1_1, DisconnectPacket.of(MqttReasonCode.SERVER_BUSY)))
        .containsExactly(0xE0, 0x00);
  }

  @Test
  void disconnectShortForm_v5_meansNormalDisconnection() {
    assertClientVector(MqttVersion.V5, bytes(0xE0, 0x00), DisconnectPacket.NORMAL);
  }

  @Test
  void disconnectReasonCodeOnly_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0xE0, 0x01,   // DISCONNECT, remaining length 1
        0x04);        // Disconnect with Will Message, no property length
    assertClientVector(MqttVersion.V5, wire,
        DisconnectPacket.of(MqttReasonCode.DISCONNECT_WITH_WILL_MESSAGE));
  }

  @Test
  void disconnectWithSessionExpiry_v5ClientToServer_decodesAndEncodes() {
    byte[] wire = bytes(
        0xE0, 0x07,                   // DISCONNECT, remaining length 7
        0x00,                         // Normal disconnection
        0x05,                         // property length 5
        0x11, 0x00, 0x00, 0x00, 0x00); // session expiry interval 0
    assertClientVector(MqttVersion.V5, wire, new DisconnectPacket(MqttReasonCode.SUCCESS,
        new DisconnectProperties(0, null, List.of(), null)));
  }

  @Test
  void disconnectWithReasonStringAndServerReference_v5ServerToClient_decodesAndEncodes() {
    byte[] wire = bytes(
        0xE0, 0x0B,                   // DISCONNECT, remaining length 11
        0x9C,                         // Use another server
        0x09,                         // property length 9
        0x1F, 0x00, 0x02, 'b', 'y',   //   reason string "by"
        0x1C, 0x00, 0x01, 's');       //   server reference "s"
    assertServerVector(MqttVersion.V5, wire, new DisconnectPacket(
        MqttReasonCode.USE_ANOTHER_SERVER, new DisconnectProperties(-1, "by", List.of(), "s")));
  }
}
