package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK rules of sections 3.8 to 3.11. */
class SubscribeDecoderTest extends CodecVectorTest {

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void subscribeWithoutFilters_isProtocolError(MqttVersion version) {
    byte[] wire = version.isMqtt5() ? packet(0x82, 0x00, 0x01, 0x00) : packet(0x82, 0x00, 0x01);
    clientPacketFails(version, wire, MqttReasonCode.PROTOCOL_ERROR);
  }

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void unsubscribeWithoutFilters_isProtocolError(MqttVersion version) {
    byte[] wire = version.isMqtt5() ? packet(0xA2, 0x00, 0x01, 0x00) : packet(0xA2, 0x00, 0x01);
    clientPacketFails(version, wire, MqttReasonCode.PROTOCOL_ERROR); // [MQTT-3.10.3-2]
  }

  @Test
  void subscribeWithPacketIdentifier0_isProtocolError() {
    clientPacketFails(MqttVersion.V3_1_1, packet(0x82, 0x00, 0x00, 0x00, 0x01, 't', 0x00),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @ParameterizedTest(name = "options {0}")
  @CsvSource({"0x03", "0x04", "0x80", "0xFC"})
  void subscribeOptionsReservedBitsOrQos3_v311_isMalformed(String options) {
    clientPacketFails(MqttVersion.V3_1_1,
        packet(0x82, 0x00, 0x01, 0x00, 0x01, 't', Integer.decode(options)),
        MqttReasonCode.MALFORMED_PACKET); // [MQTT-3-8.3-4]
  }

  @ParameterizedTest(name = "options {0}")
  @CsvSource({"0x40", "0x80", "0xC1"})
  void subscribeOptionsReservedBits_v5_isMalformed(String options) {
    clientPacketFails(MqttVersion.V5,
        packet(0x82, 0x00, 0x01, 0x00, 0x00, 0x01, 't', Integer.decode(options)),
        MqttReasonCode.MALFORMED_PACKET); // [MQTT-3.8.3-5]
  }

  @Test
  void subscribeMaximumQos3_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0x82, 0x00, 0x01, 0x00, 0x00, 0x01, 't', 0x03),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void subscribeRetainHandling3_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0x82, 0x00, 0x01, 0x00, 0x00, 0x01, 't', 0x30),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void subscribeNoLocalOnSharedSubscription_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5, packet(0x82, 0x00, 0x01, 0x00,
        0x00, 0x0A, '$', 's', 'h', 'a', 'r', 'e', '/', 'g', '/', 'x',
        0x04), MqttReasonCode.PROTOCOL_ERROR); // [MQTT-3.8.3-4]
  }

  @ParameterizedTest(name = "filter \"{0}\"")
  @CsvSource({"a/#/b", "a+", "#a", "$share/g", "$share//x"})
  void subscribeMalformedTopicFilter_isMalformed(String filter) {
    int[] body = new int[2 + 2 + filter.length() + 1];
    body[1] = 0x01;
    body[3] = filter.length();
    for (int i = 0; i < filter.length(); i++) {
      body[4 + i] = filter.charAt(i);
    }
    clientPacketFails(MqttVersion.V3_1_1, packet(0x82, body), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void unsubscribeEmptyTopicFilter_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1, packet(0xA2, 0x00, 0x01, 0x00, 0x00),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void subscribeFilterWithoutOptions_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1, packet(0x82, 0x00, 0x01, 0x00, 0x01, 't'),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void subscribeSubscriptionIdentifier0_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5,
        packet(0x82, 0x00, 0x01, 0x02, 0x0B, 0x00, 0x00, 0x01, 't', 0x00),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void subscribeTwoSubscriptionIdentifiers_v5_isProtocolError() {
    clientPacketFails(MqttVersion.V5,
        packet(0x82, 0x00, 0x01, 0x04, 0x0B, 0x01, 0x0B, 0x02, 0x00, 0x01, 't', 0x00),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void subscribeLargestSubscriptionIdentifier_v5_decodes() {
    SubscribePacket subscribe = (SubscribePacket) decodeFromClient(MqttVersion.V5, packet(0x82,
        0x00, 0x01,
        0x05, 0x0B, 0xFF, 0xFF, 0xFF, 0x7F, // subscription identifier 268,435,455
        0x00, 0x01, 't', 0x00));

    assertThat(subscribe.subscriptionIdentifier()).isEqualTo(268_435_455);
  }

  @Test
  void unsubscribeWithReasonString_v5_isMalformed() {
    clientPacketFails(MqttVersion.V5,
        packet(0xA2, 0x00, 0x01, 0x04, 0x1F, 0x00, 0x01, 'r', 0x00, 0x01, 't'),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "return code {0}")
  @CsvSource({"0x03", "0x81", "0x10"})
  void subackReservedReturnCode_v311_isMalformed(String code) {
    serverPacketFails(MqttVersion.V3_1_1, packet(0x90, 0x00, 0x01, Integer.decode(code)),
        MqttReasonCode.MALFORMED_PACKET); // [MQTT-3.9.3-2]
  }

  @ParameterizedTest(name = "reason code {0}")
  @CsvSource({"0x03", "0x10", "0x81", "0x92"})
  void subackReasonCodeNotForSuback_v5_isMalformed(String code) {
    serverPacketFails(MqttVersion.V5, packet(0x90, 0x00, 0x01, 0x00, Integer.decode(code)),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void subackWithoutReasonCodes_isProtocolError() {
    serverPacketFails(MqttVersion.V3_1_1, packet(0x90, 0x00, 0x01),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @ParameterizedTest(name = "reason code {0}")
  @CsvSource({"0x01", "0x10", "0xA2"})
  void unsubackReasonCodeNotForUnsuback_v5_isMalformed(String code) {
    serverPacketFails(MqttVersion.V5, packet(0xB0, 0x00, 0x01, 0x00, Integer.decode(code)),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void unsubackWithoutReasonCodes_v5_isProtocolError() {
    serverPacketFails(MqttVersion.V5, packet(0xB0, 0x00, 0x01, 0x00),
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void unsubackWithReasonCodes_v311_isMalformed() {
    serverPacketFails(MqttVersion.V3_1_1, packet(0xB0, 0x00, 0x01, 0x00),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void subackWithUserPropertyTwiceAndReasonStringTwice_v5_isProtocolError() {
    serverPacketFails(MqttVersion.V5, packet(0x90, 0x00, 0x01,
        0x08,
        0x1F, 0x00, 0x01, 'a',
        0x1F, 0x00, 0x01, 'b',
        0x00), MqttReasonCode.PROTOCOL_ERROR);
  }
}
