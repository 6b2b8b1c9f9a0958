package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.AuthPacket;
import dev.mqttbridge.mqtt.internal.packet.AuthProperties;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AUTH byte vectors (MQTT 5 only), both directions. */
class AuthVectorTest extends CodecVectorTest {

  @Test
  void authShortForm_v5_meansSuccessWithoutProperties() {
    byte[] wire = bytes(0xF0, 0x00); // AUTH, remaining length 0
    AuthPacket packet = new AuthPacket(MqttReasonCode.SUCCESS, AuthProperties.NONE);
    assertClientVector(MqttVersion.V5, wire, packet);
    assertServerVector(MqttVersion.V5, wire, packet);
  }

  @Test
  void authContinueWithMethodAndData_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0xF0, 0x0E,                         // AUTH, remaining length 14
        0x18,                               // Continue authentication
        0x0C,                               // property length 12
        0x15, 0x00, 0x04, 'S', 'C', 'R', 'M', // authentication method "SCRM"
        0x16, 0x00, 0x02, 0x01, 0x02);      //   authentication data 01 02
    assertServerVector(MqttVersion.V5, wire, new AuthPacket(MqttReasonCode.CONTINUE_AUTHENTICATION,
        new AuthProperties("SCRM", bytes(0x01, 0x02), null, List.of())));
  }

  @Test
  void authReauthenticateWithReasonStringAndUserProperty_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0xF0, 0x14,                         // AUTH, remaining length 20
        0x19,                               // Re-authenticate
        0x12,                               // property length 18
        0x15, 0x00, 0x04, 'S', 'C', 'R', 'M', // authentication method "SCRM"
        0x1F, 0x00, 0x01, 'r',              //   reason string "r"
        0x26, 0x00, 0x01, 'a', 0x00, 0x01, 'b'); // user property a=b
    assertClientVector(MqttVersion.V5, wire, new AuthPacket(MqttReasonCode.REAUTHENTICATE,
        new AuthProperties("SCRM", null, "r", List.of(MqttUserProperty.of("a", "b")))));
  }

  @Test
  void auth_v311_cannotBeEncoded() {
    AuthPacket packet = new AuthPacket(MqttReasonCode.SUCCESS, AuthProperties.NONE);

    assertThatThrownBy(() -> new MqttPacketEncoder(MqttVersion.V3_1_1)
            .encode(packet, ByteBufAllocator.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AUTH");
    assertThat(MqttVersion.V3_1_1.isMqtt5()).isFalse();
  }
}
