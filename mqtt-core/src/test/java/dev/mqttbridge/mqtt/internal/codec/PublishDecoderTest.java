package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The PUBLISH rules of section 3.3 and the topic alias rules of 5.0 section 3.3.2.3.4. */
class PublishDecoderTest extends CodecVectorTest {

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void qos3_isMalformed(MqttVersion version) {
    clientPacketFails(version, packet(0x36, 0x00, 0x01, 't', 0x00, 0x01),
        MqttReasonCode.MALFORMED_PACKET); // [MQTT-3.3.1-4]
  }

  @Test
  void dupWithQos0_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1, packet(0x38, 0x00, 0x01, 't'),
        MqttReasonCode.MALFORMED_PACKET); // [MQTT-3.3.1-2]
  }

  @Test
  void qos1WithPacketIdentifier0_isProtocolError() {
    clientPacketFails(MqttVersion.V3_1_1, packet(0x32, 0x00, 0x01, 't', 0x00, 0x00),
        MqttReasonCode.PROTOCOL_ERROR); // [MQTT-2.2.1-3]
  }

  @Test
  void qos2WithoutPacketIdentifier_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1, packet(0x34, 0x00, 0x01, 't', 0x00),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "topic \"{0}\"")
  @CsvSource({"a/+", "#", "a/b#", "+/x"})
  void topicNameWithWildcard_isTopicNameInvalid(String topic) {
    int[] body = new int[2 + topic.length()];
    body[1] = topic.length();
    for (int i = 0; i < topic.length(); i++) {
      body[2 + i] = topic.charAt(i);
    }
    clientPacketFails(MqttVersion.V3_1_1, packet(0x30, body), MqttReasonCode.TOPIC_NAME_INVALID);
  }

  @Test
  void emptyTopicName_v311_isProtocolError() {
    clientPacketFails(MqttVersion.V3_1_1, packet(0x30, 0x00, 0x00, 'x'),
        MqttReasonCode.PROTOCOL_ERROR); // [MQTT-4.7.3-1]
  }

  @Test
  void emptyTopicNameWithoutAlias_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x00, 0x00, 'x'),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void topicNameLongerThanThePacket_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1, packet(0x30, 0x00, 0x09, 'a', 'b'),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void topicAlias0_v5_isTopicAliasInvalid() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V5);
    decoder.topicAliasMaximum(10);
    decodeFails(decoder, packet(0x30, 0x00, 0x01, 't', 0x03, 0x23, 0x00, 0x00),
        MqttReasonCode.TOPIC_ALIAS_INVALID); // [MQTT-3.3.2-8]
  }

  @Test
  void topicAliasAboveTheMaximum_v5_isTopicAliasInvalid() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V5);
    decoder.topicAliasMaximum(10);
    decodeFails(decoder, packet(0x30, 0x00, 0x01, 't', 0x03, 0x23, 0x00, 0x0B),
        MqttReasonCode.TOPIC_ALIAS_INVALID);
  }

  @Test
  void topicAliasWhenNoneAccepted_v5_isTopicAliasInvalid() {
    decodeFails(connectedServerDecoder(MqttVersion.V5),
        packet(0x30, 0x00, 0x01, 't', 0x03, 0x23, 0x00, 0x01), MqttReasonCode.TOPIC_ALIAS_INVALID);
  }

  @Test
  void unknownTopicAliasWithEmptyTopic_v5_isTopicAliasInvalid() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V5);
    decoder.topicAliasMaximum(10);
    decodeFails(decoder, packet(0x30, 0x00, 0x00, 0x03, 0x23, 0x00, 0x02),
        MqttReasonCode.TOPIC_ALIAS_INVALID);
  }

  @Test
  void topicAlias_remappedToANewTopic_resolvesToTheNewOne() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V5);
    decoder.topicAliasMaximum(2);
    decode(decoder, packet(0x30, 0x00, 0x01, 'a', 0x03, 0x23, 0x00, 0x02));
    decode(decoder, packet(0x30, 0x00, 0x01, 'b', 0x03, 0x23, 0x00, 0x02)); // [MQTT-3.3.2-12]

    PublishPacket aliased =
        (PublishPacket) decode(decoder, packet(0x30, 0x00, 0x00, 0x03, 0x23, 0x00, 0x02));

    assertThat(aliased.message().topic()).isEqualTo("b");
    assertThat(aliased.aliasOnly()).isTrue();
  }

  @Test
  void topicAliasMaximumLowered_forgetsAliasesAboveIt() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V5);
    decoder.topicAliasMaximum(20);
    decode(decoder, packet(0x30, 0x00, 0x01, 'a', 0x03, 0x23, 0x00, 0x14));
    decoder.topicAliasMaximum(5);
    decoder.topicAliasMaximum(20);

    decodeFails(decoder, packet(0x30, 0x00, 0x00, 0x03, 0x23, 0x00, 0x14),
        MqttReasonCode.TOPIC_ALIAS_INVALID);
  }

  @Test
  void subscriptionIdentifierFromClient_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x01, 't', 0x02, 0x0B, 0x01),
        MqttReasonCode.PROTOCOL_ERROR); // [MQTT-3.3.4-6]
  }

  @Test
  void subscriptionIdentifier0FromServer_v5_isProtocolError() {
    serverPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x01, 't', 0x02, 0x0B, 0x00),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void payloadFormatIndicator2_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x01, 't', 0x02, 0x01, 0x02),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void duplicateMessageExpiryInterval_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x01, 't', 0x0A,
        0x02, 0x00, 0x00, 0x00, 0x01,
        0x02, 0x00, 0x00, 0x00, 0x02), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void duplicateTopicAlias_v5_isProtocolError() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V5);
    decoder.topicAliasMaximum(10);
    decodeFails(decoder, packet(0x30, 0x00, 0x01, 't', 0x06,
        0x23, 0x00, 0x01,
        0x23, 0x00, 0x02), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void sessionExpiryIntervalInPublish_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x01, 't', 0x05,
        0x11, 0x00, 0x00, 0x00, 0x01), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void responseTopicWithWildcard_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x01, 't', 0x04,
        0x08, 0x00, 0x01, '#'), MqttReasonCode.PROTOCOL_ERROR); // [MQTT-3.3.2-14]
  }

  @Test
  void propertyLengthLongerThanTheRest_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x01, 't', 0x09, 0x01, 0x01),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void correlationDataCrossingThePropertyLength_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5, packet(0x30, 0x00, 0x01, 't',
        0x03,                       // property length 3
        0x09, 0x00, 0x04,           // correlation data of 4 bytes: beyond the properties
        'a', 'b', 'c', 'd'), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void emptyPayload_isAccepted() {
    PublishPacket publish = (PublishPacket) decodeFromClient(MqttVersion.V3_1_1,
        packet(0x30, 0x00, 0x01, 't'));

    assertThat(publish.message().payloadSize()).isZero();
  }
}
