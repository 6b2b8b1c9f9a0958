package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PUBLISH byte vectors, decoded and encoded, per protocol version. */
class PublishVectorTest extends CodecVectorTest {

  @Test
  void publishQos0_v311_decodesAndEncodes() {
    byte[] wire = bytes(
        0x30, 0x08,                 // PUBLISH, QoS 0, remaining length 8
        0x00, 0x03, 'a', '/', 'b',  // topic name "a/b"
        'h', 'i', '!');             // payload
    PublishPacket packet = PublishPacket.of(
        MqttMessage.builder("a/b").payload(ascii("hi!")).build(), 0);

    assertVector(MqttVersion.V3_1_1, wire, packet);
  }

  @Test
  void publishQos1RetainDup_v311_decodesAndEncodes() {
    byte[] wire = bytes(
        0x3B, 0x0A,                 // PUBLISH, DUP, QoS 1, RETAIN, remaining length 10
        0x00, 0x03, 'a', '/', 'b',  // topic name "a/b"
        0x12, 0x34,                 // packet identifier 0x1234
        'x', 'y', 'z');             // payload
    PublishPacket packet = PublishPacket.of(
        MqttMessage.builder("a/b").payload(ascii("xyz")).qos(1).retain(true).build(), 0x1234)
        .asDuplicate();

    assertVector(MqttVersion.V3_1_1, wire, packet);
  }

  @Test
  void publishQos2EmptyPayload_v31_decodesAndEncodes() {
    byte[] wire = bytes(
        0x34, 0x05,                 // PUBLISH, QoS 2, remaining length 5
        0x00, 0x01, 't',            // topic name "t"
        0x00, 0x01);                // packet identifier 1, no payload
    PublishPacket packet = PublishPacket.of(MqttMessage.builder("t").qos(2).build(), 1);

    assertVector(MqttVersion.V3_1, wire, packet);
  }

  @Test
  void publishQos0NoProperties_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x30, 0x06,                 // PUBLISH, QoS 0, remaining length 6
        0x00, 0x01, 't',            // topic name "t"
        0x00,                       // property length 0
        'o', 'k');                  // payload
    PublishPacket packet = PublishPacket.of(MqttMessage.builder("t").payload(ascii("ok")).build(), 0);

    assertVector(MqttVersion.V5, wire, packet);
  }

  @Test
  void publishWithEveryProperty_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x3B, 0x29,                       // PUBLISH, DUP, QoS 1, RETAIN, remaining length 41
        0x00, 0x01, 't',                  // topic name "t"
        0x00, 0x01,                       // packet identifier 1
        0x21,                             // property length 33
        0x01, 0x01,                       //   payload format indicator: UTF-8
        0x02, 0x00, 0x00, 0x00, 0x3C,     //   message expiry interval 60
        0x03, 0x00, 0x04, 't', 'e', 'x', 't', // content type "text"
        0x08, 0x00, 0x01, 'r',            //   response topic "r"
        0x09, 0x00, 0x02, 0xCA, 0xFE,     //   correlation data CA FE
        0x23, 0x00, 0x05,                 //   topic alias 5
        0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property k=v
        'h', 'i');                        // payload
    MqttMessage message = MqttMessage.builder("t")
        .payload(ascii("hi"))
        .qos(1)
        .retain(true)
        .payloadUtf8(true)
        .messageExpiryInterval(60)
        .contentType("text")
        .responseTopic("r")
        .correlationData(bytes(0xCA, 0xFE))
        .userProperty("k", "v")
        .build();
    PublishPacket packet = new PublishPacket(message, 1, true, 5, false, List.of());

    assertVector(MqttVersion.V5, wire, packet, 10);
  }

  @Test
  void publishWithSubscriptionIdentifiers_v5ServerToClient_decodesAndEncodes() {
    byte[] wire = bytes(
        0x30, 0x0A,                 // PUBLISH, QoS 0, remaining length 10
        0x00, 0x01, 't',            // topic name "t"
        0x05,                       // property length 5
        0x0B, 0x01,                 //   subscription identifier 1
        0x0B, 0x80, 0x01,           //   subscription identifier 128
        'p');                       // payload
    PublishPacket packet = new PublishPacket(
        MqttMessage.builder("t").payload(ascii("p")).build(), 0, false, 0, false, List.of(1, 128));

    assertThat(decodeFromServer(MqttVersion.V5, wire)).isEqualTo(packet);
    assertThat(encode(MqttVersion.V5, packet)).containsExactly(wire);
  }

  @Test
  void publishAliasOnly_v5_encodesEmptyTopicAndDecodesToTheRealTopic() {
    byte[] first = bytes(
        0x30, 0x0A,                 // PUBLISH, QoS 0, remaining length 10
        0x00, 0x03, 'a', '/', 'b',  // topic name "a/b"
        0x03,                       // property length 3
        0x23, 0x00, 0x07,           //   topic alias 7
        'p');                       // payload
    byte[] second = bytes(
        0x30, 0x07,                 // PUBLISH, QoS 0, remaining length 7
        0x00, 0x00,                 // empty topic name: use the alias
        0x03,                       // property length 3
        0x23, 0x00, 0x07,           //   topic alias 7
        'q');                       // payload
    MqttMessage firstMessage = MqttMessage.builder("a/b").payload(ascii("p")).build();
    MqttMessage secondMessage = MqttMessage.builder("a/b").payload(ascii("q")).build();
    PublishPacket firstPacket = new PublishPacket(firstMessage, 0, false, 7, false, List.of());
    PublishPacket secondPacket = new PublishPacket(secondMessage, 0, false, 7, true, List.of());

    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V5);
    decoder.topicAliasMaximum(10);
    assertThat(decode(decoder, first)).isEqualTo(firstPacket);
    assertThat(decode(decoder, second)).isEqualTo(secondPacket);
    assertThat(encode(MqttVersion.V5, firstPacket)).containsExactly(first);
    assertThat(encode(MqttVersion.V5, secondPacket)).containsExactly(second);
  }

  @Test
  void publishWithMqtt5Fields_v311_encoderLeavesThemOut() {
    MqttMessage message = MqttMessage.builder("t")
        .payload(ascii("x"))
        .payloadUtf8(true)
        .messageExpiryInterval(5)
        .userProperty("k", "v")
        .build();
    PublishPacket packet = new PublishPacket(message, 0, false, 3, true, List.of(9));

    assertThat(encode(MqttVersion.V3_1_1, packet)).containsExactly(
        0x30, 0x04,                 // PUBLISH, QoS 0, remaining length 4
        0x00, 0x01, 't',            // the full topic name: no aliases in 3.1.1
        'x');                       // payload
  }

  @Test
  void publishUtf8TopicFromSpecExample_v311_decodesAndEncodes() {
    // MQTT 5.0 figure 1-1 / 3.1.1 figure 1.1: "A" U+2A6D4 is 00 05 41 F0 AA 9B 94.
    String topic = "A\uD869\uDED4";
    byte[] wire = bytes(
        0x30, 0x07,                            // PUBLISH, QoS 0, remaining length 7
        0x00, 0x05, 0x41, 0xF0, 0xAA, 0x9B, 0x94); // topic name "A𪛔", no payload
    PublishPacket packet = PublishPacket.of(MqttMessage.builder(topic).build(), 0);

    assertVector(MqttVersion.V3_1_1, wire, packet);
  }

  private static void assertVector(MqttVersion version, byte[] wire, MqttPacket packet) {
    assertVector(version, wire, packet, 0);
  }

  private static void assertVector(
      MqttVersion version, byte[] wire, MqttPacket packet, int topicAliasMaximum) {
    MqttPacketDecoder decoder = connectedServerDecoder(version);
    decoder.topicAliasMaximum(topicAliasMaximum);
    assertThat(decode(decoder, wire)).isEqualTo(packet);
    assertThat(encode(version, packet)).containsExactly(wire);
  }
}
