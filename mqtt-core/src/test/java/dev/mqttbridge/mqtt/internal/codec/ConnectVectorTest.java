package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.WillMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONNECT byte vectors for MQTT 3.1, 3.1.1 and 5.0, decoded by a server and encoded. */
class ConnectVectorTest extends CodecVectorTest {

  @Test
  void connectSpecExample_v311_decodesAndEncodes() {
    // MQTT 3.1.1 figure 3.6, the variable header example: "MQTT", level 4, flags 0xCE (user name,
    // password, will QoS 1, will flag, clean session), keep alive 10; with a payload of our own.
    byte[] wire = bytes(
        0x10, 0x1C,                         // CONNECT, remaining length 28
        0x00, 0x04, 'M', 'Q', 'T', 'T',     // protocol name
        0x04,                               // protocol level 4
        0xCE,                               // connect flags
        0x00, 0x0A,                         // keep alive 10 s
        0x00, 0x02, 'c', '1',               // client identifier "c1"
        0x00, 0x01, 'w',                    // will topic "w"
        0x00, 0x03, 'b', 'y', 'e',          // will message "bye"
        0x00, 0x01, 'u',                    // user name "u"
        0x00, 0x01, 'p');                   // password "p"
    WillMessage will = new WillMessage(
        MqttMessage.builder("w").payload(ascii("bye")).qos(1).build(), 0);
    ConnectPacket packet = new ConnectPacket(MqttVersion.V3_1_1, "c1", true, 10, "u", ascii("p"),
        will, ConnectProperties.DEFAULTS);

    assertVector(wire, packet);
  }

  @Test
  void connectMinimal_v31_decodesAndEncodes() {
    byte[] wire = bytes(
        0x10, 0x0F,                                   // CONNECT, remaining length 15
        0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p',     // protocol name "MQIsdp"
        0x03,                                         // protocol level 3
        0x02,                                         // clean session
        0x00, 0x3C,                                   // keep alive 60 s
        0x00, 0x01, 'c');                             // client identifier "c"
    ConnectPacket packet = new ConnectPacket(
        MqttVersion.V3_1, "c", true, 60, null, null, null, ConnectProperties.DEFAULTS);

    assertVector(wire, packet);
  }

  @Test
  void connectWithWillRetainQos2AndEmptyClientId_v311_decodesAndEncodes() {
    byte[] wire = bytes(
        0x10, 0x13,                         // CONNECT, remaining length 19
        0x00, 0x04, 'M', 'Q', 'T', 'T',     // protocol name
        0x04,                               // protocol level 4
        0x36,                               // will retain, will QoS 2, will flag, clean session
        0x00, 0x00,                         // keep alive off
        0x00, 0x00,                         // empty client identifier (allowed with clean session)
        0x00, 0x03, 'a', '/', 'b',          // will topic "a/b"
        0x00, 0x00);                        // empty will message
    WillMessage will = new WillMessage(
        MqttMessage.builder("a/b").qos(2).retain(true).build(), 0);
    ConnectPacket packet = new ConnectPacket(
        MqttVersion.V3_1_1, "", true, 0, null, null, will, ConnectProperties.DEFAULTS);

    assertVector(wire, packet);
  }

  @Test
  void connectWithEveryPropertyAndWillProperties_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x10, 0x69,                         // CONNECT, remaining length 105
        0x00, 0x04, 'M', 'Q', 'T', 'T',     // protocol name
        0x05,                               // protocol level 5
        0xCC,                               // user name, password, will QoS 1, will flag; no clean start
        0x00, 0x1E,                         // keep alive 30 s
        0x27,                               // property length 39
        0x11, 0x00, 0x00, 0x0E, 0x10,       //   session expiry interval 3600
        0x21, 0x00, 0x0A,                   //   receive maximum 10
        0x27, 0x00, 0x01, 0x00, 0x00,       //   maximum packet size 65536
        0x22, 0x00, 0x05,                   //   topic alias maximum 5
        0x19, 0x01,                         //   request response information
        0x17, 0x00,                         //   request problem information: no
        0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property k=v
        0x15, 0x00, 0x04, 'S', 'C', 'R', 'M', //  authentication method "SCRM"
        0x16, 0x00, 0x02, 0x01, 0x02,       //   authentication data 01 02
        0x00, 0x02, 'i', 'd',               // client identifier "id"
        0x20,                               // will property length 32
        0x18, 0x00, 0x00, 0x00, 0x05,       //   will delay interval 5
        0x01, 0x01,                         //   payload format indicator: UTF-8
        0x02, 0x00, 0x00, 0x00, 0x0A,       //   message expiry interval 10
        0x03, 0x00, 0x01, 'j',              //   content type "j"
        0x08, 0x00, 0x02, 'r', 't',         //   response topic "rt"
        0x09, 0x00, 0x01, 0x07,             //   correlation data 07
        0x26, 0x00, 0x01, 'a', 0x00, 0x01, 'b', // user property a=b
        0x00, 0x01, 'w',                    // will topic "w"
        0x00, 0x02, 'o', 'k',               // will payload "ok"
        0x00, 0x04, 'u', 's', 'e', 'r',     // user name "user"
        0x00, 0x03, 0x00, 0xFF, 0x10);      // password (binary)
    MqttMessage willMessage = MqttMessage.builder("w")
        .payload(ascii("ok"))
        .qos(1)
        .payloadUtf8(true)
        .messageExpiryInterval(10)
        .contentType("j")
        .responseTopic("rt")
        .correlationData(bytes(0x07))
        .userProperty("a", "b")
        .build();
    ConnectProperties properties = new ConnectProperties(3600, 10, 65_536, 5, true, false,
        List.of(new dev.mqttbridge.mqtt.MqttUserProperty("k", "v")), "SCRM", bytes(0x01, 0x02));
    ConnectPacket packet = new ConnectPacket(MqttVersion.V5, "id", false, 30, "user",
        bytes(0x00, 0xFF, 0x10), new WillMessage(willMessage, 5), properties);

    assertVector(wire, packet);
  }

  @Test
  void connectPasswordWithoutUserName_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x10, 0x12,                         // CONNECT, remaining length 18
        0x00, 0x04, 'M', 'Q', 'T', 'T',     // protocol name
        0x05,                               // protocol level 5
        0x42,                               // password, clean start (5.0 allows no user name)
        0x00, 0x3C,                         // keep alive 60 s
        0x00,                               // no properties
        0x00, 0x01, 'c',                    // client identifier "c"
        0x00, 0x02, 's', '3');              // password "s3"
    ConnectPacket packet = new ConnectPacket(
        MqttVersion.V5, "c", true, 60, null, ascii("s3"), null, ConnectProperties.DEFAULTS);

    assertVector(wire, packet);
  }

  @Test
  void connect_learnsTheVersion() {
    MqttPacketDecoder decoder = MqttPacketDecoder.forServer(MAX);
    assertThat(decoder.version()).isNull();

    decode(decoder, minimalConnect(MqttVersion.V5));

    assertThat(decoder.version()).isEqualTo(MqttVersion.V5);
  }

  private static void assertVector(byte[] wire, MqttPacket packet) {
    ConnectPacket connect = (ConnectPacket) packet;
    MqttPacketDecoder decoder = MqttPacketDecoder.forServer(MAX);
    assertThat(decode(decoder, wire)).isEqualTo(packet);
    assertThat(decoder.version()).isEqualTo(connect.version());
    assertThat(encode(connect.version(), packet)).containsExactly(wire);
  }
}
