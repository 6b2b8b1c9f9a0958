package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONNACK byte vectors, decoded by a client and encoded. */
class ConnackVectorTest extends CodecVectorTest {

  @Test
  void connackAcceptedSessionPresent_v311_decodesAndEncodes() {
    byte[] wire = bytes(
        0x20, 0x02,   // CONNACK, remaining length 2
        0x01,         // session present
        0x00);        // return code 0: accepted
    assertServerVector(MqttVersion.V3_1_1, wire,
        new ConnackPacket(true, MqttReasonCode.SUCCESS, ConnackProperties.DEFAULTS));
  }

  @ParameterizedTest(name = "return code {0} = {1}")
  @CsvSource({
    "1, UNSUPPORTED_PROTOCOL_VERSION",
    "2, CLIENT_IDENTIFIER_NOT_VALID",
    "3, SERVER_UNAVAILABLE",
    "4, BAD_USER_NAME_OR_PASSWORD",
    "5, NOT_AUTHORIZED"
  })
  void connackRefused_v311_mapsReturnCodeToReasonCode(int returnCode, MqttReasonCode reasonCode) {
    byte[] wire = bytes(
        0x20, 0x02,   // CONNACK, remaining length 2
        0x00,         // no session
        returnCode);  // 3.1.1 return code
    assertServerVector(MqttVersion.V3_1_1, wire,
        new ConnackPacket(false, reasonCode, ConnackProperties.DEFAULTS));
  }

  @Test
  void connackAccepted_v31_decodesAndEncodes() {
    byte[] wire = bytes(0x20, 0x02, 0x00, 0x00); // CONNACK: unused byte, return code 0
    assertServerVector(MqttVersion.V3_1, wire,
        new ConnackPacket(false, MqttReasonCode.SUCCESS, ConnackProperties.DEFAULTS));
  }

  @Test
  void connackMinimal_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x20, 0x03,   // CONNACK, remaining length 3
        0x00,         // no session
        0x00,         // reason code Success
        0x00);        // no properties
    assertServerVector(MqttVersion.V5, wire,
        new ConnackPacket(false, MqttReasonCode.SUCCESS, ConnackProperties.DEFAULTS));
  }

  @Test
  void connackWithEveryProperty_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x20, 0x41,                         // CONNACK, remaining length 65
        0x01,                               // session present
        0x00,                               // reason code Success
        0x3E,                               // property length 62
        0x11, 0x00, 0x00, 0x00, 0x3C,       //   session expiry interval 60
        0x21, 0x00, 0x14,                   //   receive maximum 20
        0x24, 0x00,                         //   maximum QoS 0
        0x25, 0x00,                         //   retain not available
        0x27, 0x00, 0x00, 0x10, 0x00,       //   maximum packet size 4096
        0x12, 0x00, 0x02, 'i', 'd',         //   assigned client identifier "id"
        0x22, 0x00, 0x0A,                   //   topic alias maximum 10
        0x1F, 0x00, 0x02, 'o', 'k',         //   reason string "ok"
        0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property k=v
        0x28, 0x00,                         //   wildcard subscriptions not available
        0x29, 0x00,                         //   subscription identifiers not available
        0x2A, 0x00,                         //   shared subscriptions not available
        0x13, 0x00, 0x1E,                   //   server keep alive 30
        0x1A, 0x00, 0x01, 'x',              //   response information "x"
        0x1C, 0x00, 0x01, 's',              //   server reference "s"
        0x15, 0x00, 0x01, 'm',              //   authentication method "m"
        0x16, 0x00, 0x01, 0x07);            //   authentication data 07
    ConnackProperties properties = new ConnackProperties(60, 20, MqttQos.AT_MOST_ONCE, false,
        4096, "id", 10, "ok", List.of(MqttUserProperty.of("k", "v")), false, false, false, 30,
        "x", "s", "m", bytes(0x07));
    assertServerVector(MqttVersion.V5, wire,
        new ConnackPacket(true, MqttReasonCode.SUCCESS, properties));
  }

  @Test
  void connackRefusedWithReasonString_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x20, 0x08,                         // CONNACK, remaining length 8
        0x00,                               // no session
        0x87,                               // reason code Not authorized
        0x05,                               // property length 5
        0x1F, 0x00, 0x02, 'n', 'o');        //   reason string "no"
    ConnackProperties properties = new ConnackProperties(-1, 65_535, MqttQos.EXACTLY_ONCE, true,
        0, null, 0, "no", List.of(), true, true, true, -1, null, null, null, null);
    assertServerVector(MqttVersion.V5, wire,
        new ConnackPacket(false, MqttReasonCode.NOT_AUTHORIZED, properties));
  }

  @Test
  void connackInVersion311Form_v5Client_decodesAsUnsupportedProtocolVersion() {
    // A broker without MQTT 5 refuses a level-5 CONNECT in its own format.
    byte[] wire = bytes(0x20, 0x02, 0x00, 0x01);

    assertThat(decodeFromServer(MqttVersion.V5, wire)).isEqualTo(new ConnackPacket(
        false, MqttReasonCode.UNSUPPORTED_PROTOCOL_VERSION, ConnackProperties.DEFAULTS));
  }

  @ParameterizedTest(name = "{0} -> return code {1}")
  @CsvSource({
    "BANNED, 5",
    "BAD_AUTHENTICATION_METHOD, 4",
    "SERVER_BUSY, 3",
    "MALFORMED_PACKET, 3"
  })
  void connackWithMqtt5OnlyReasonCode_v311_encodesNearestReturnCode(
      MqttReasonCode reasonCode, int returnCode) {
    ConnackPacket packet = new ConnackPacket(false, reasonCode, ConnackProperties.DEFAULTS);

    assertThat(encode(MqttVersion.V3_1_1, packet)).containsExactly(0x20, 0x02, 0x00, returnCode);
  }
}
