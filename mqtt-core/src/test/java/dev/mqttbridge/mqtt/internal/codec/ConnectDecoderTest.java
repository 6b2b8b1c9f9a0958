package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CONNECT rules of sections 3.1.2 and 3.1.3, each with the reason code it answers with. */
class ConnectDecoderTest extends CodecVectorTest {

  private static MqttDecodeException connectFails(byte[] wire, MqttReasonCode expected) {
    return decodeFails(MqttPacketDecoder.forServer(MAX), wire, expected);
  }

  @ParameterizedTest(name = "{0} level {1}")
  @CsvSource({"MQTT, 3", "MQTT, 6", "MQIsdp, 4", "MQTX, 4", "mqtt, 4"})
  void unknownProtocolNameOrLevel_isUnsupportedProtocolVersion(String name, int level) {
    MqttPacketDecoder decoder = MqttPacketDecoder.forServer(MAX);
    byte[] wire = packet(0x10,
        0x00, name.length(), name.charAt(0), name.charAt(1), name.charAt(2), name.charAt(3),
        level,                          // protocol level
        0x02, 0x00, 0x3C,               // clean start, keep alive 60
        0x00, 0x01, 'c');               // client identifier

    decodeFails(decoder, wire, MqttReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    assertThat(decoder.version()).isNull();
  }

  @Test
  void reservedFlagSet_isMalformed() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0x03,                           // clean session + reserved bit [MQTT-3.1.2-3]
        0x00, 0x3C, 0x00, 0x01, 'c'), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void brokenConnectAfterTheLevel_stillSetsTheVersionForTheConnack() {
    MqttPacketDecoder decoder = MqttPacketDecoder.forServer(MAX);
    decodeFails(decoder, packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05,
        0x03,                           // reserved bit set
        0x00, 0x3C, 0x00, 0x00, 0x01, 'c'), MqttReasonCode.MALFORMED_PACKET);

    assertThat(decoder.version()).isEqualTo(MqttVersion.V5);
  }

  @ParameterizedTest(name = "flags {0}")
  @CsvSource({"0x0A, will QoS 1 without will", "0x22, will retain without will",
      "0x12, will QoS 2 without will"})
  void willQosOrRetainWithoutWillFlag_isMalformed(String flags, String what) {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        Integer.decode(flags),
        0x00, 0x3C, 0x00, 0x01, 'c'), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void willQos3_isMalformed() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0x1E,                           // will QoS 3, will flag, clean session
        0x00, 0x3C, 0x00, 0x01, 'c',
        0x00, 0x01, 'w', 0x00, 0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void passwordWithoutUserName_v311_isProtocolError() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0x42,                           // password, clean session; no user name [MQTT-3.1.2-22]
        0x00, 0x3C, 0x00, 0x01, 'c',
        0x00, 0x01, 'p'), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void passwordWithoutUserName_v31_isProtocolError() {
    connectFails(packet(0x10,
        0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03,
        0x42,
        0x00, 0x3C, 0x00, 0x01, 'c',
        0x00, 0x01, 'p'), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void emptyClientIdWithoutCleanSession_v311_isClientIdentifierNotValid() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0x00,                           // no clean session
        0x00, 0x3C, 0x00, 0x00), MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
  }

  @Test
  void emptyClientId_v31_isClientIdentifierNotValid() {
    connectFails(packet(0x10,
        0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03,
        0x02,                           // clean session
        0x00, 0x3C, 0x00, 0x00), MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
  }

  @Test
  void emptyClientIdWithoutCleanStart_v5_isAccepted() {
    ConnectPacket connect = (ConnectPacket) decode(MqttPacketDecoder.forServer(MAX), packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05,
        0x00,                           // no clean start
        0x00, 0x3C, 0x00, 0x00, 0x00));

    assertThat(connect.clientId()).isEmpty();
    assertThat(connect.cleanStart()).isFalse();
  }

  @Test
  void willTopicWithWildcard_isTopicNameInvalid() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0x06,                           // will flag, clean session
        0x00, 0x3C, 0x00, 0x01, 'c',
        0x00, 0x03, 'a', '/', '#',      // will topic "a/#"
        0x00, 0x00), MqttReasonCode.TOPIC_NAME_INVALID);
  }

  @Test
  void userNameMissingThoughFlagged_isMalformed() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0x82,                           // user name flag, clean session
        0x00, 0x3C, 0x00, 0x01, 'c'), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void trailingByteAfterPassword_isMalformed() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0xC2, 0x00, 0x3C, 0x00, 0x01, 'c',
        0x00, 0x01, 'u', 0x00, 0x01, 'p',
        0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "0x21, 0x0000,         Receive Maximum 0",
    "0x27, 0x00000000,     Maximum Packet Size 0",
    "0x17, 0x02,           Request Problem Information 2",
    "0x19, 0x02,           Request Response Information 2"
  })
  void propertyValueOutOfRange_v5_isProtocolError(String id, String value, String what) {
    connectFails(connectWithProperties(property(id, value)), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void duplicateSessionExpiryInterval_v5_isProtocolError() {
    connectFails(connectWithProperties(
        0x11, 0x00, 0x00, 0x00, 0x01,
        0x11, 0x00, 0x00, 0x00, 0x02), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void repeatedUserProperty_v5_isAccepted() {
    ConnectPacket connect = (ConnectPacket) decode(MqttPacketDecoder.forServer(MAX),
        connectWithProperties(
            0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'a',
            0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'b'));

    assertThat(connect.properties().userProperties()).hasSize(2);
  }

  @Test
  void propertyOfAnotherPacket_v5_isMalformed() {
    connectFails(connectWithProperties(0x23, 0x00, 0x01), // Topic Alias is a PUBLISH property
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void unknownPropertyIdentifier_v5_isMalformed() {
    connectFails(connectWithProperties(0x7F, 0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void authenticationDataWithoutMethod_v5_isProtocolError() {
    connectFails(connectWithProperties(0x16, 0x00, 0x01, 0x07), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void propertyLengthBeyondThePacket_v5_isMalformed() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C,
        0x20,                           // property length 32, but only 5 bytes follow
        0x11, 0x00, 0x00, 0x00, 0x01), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void propertyValueCrossingThePropertyLength_v5_isMalformed() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C,
        0x03,                           // property length 3: cuts the four-byte value
        0x11, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x01, 'c'), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void willPropertyNotAllowed_v5_isMalformed() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05,
        0x06,                           // will flag, clean start
        0x00, 0x3C, 0x00,
        0x00, 0x01, 'c',
        0x02, 0x24, 0x00,               // will properties: Maximum QoS is not a will property
        0x00, 0x01, 'w', 0x00, 0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void willResponseTopicWithWildcard_v5_isProtocolError() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05,
        0x06, 0x00, 0x3C, 0x00,
        0x00, 0x01, 'c',
        0x04, 0x08, 0x00, 0x01, '+',    // will properties: response topic "+" [MQTT-3.3.2-14]
        0x00, 0x01, 'w', 0x00, 0x00), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void willPayloadFormatIndicator2_v5_isProtocolError() {
    connectFails(packet(0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05,
        0x06, 0x00, 0x3C, 0x00,
        0x00, 0x01, 'c',
        0x02, 0x01, 0x02,               // will properties: payload format indicator 2
        0x00, 0x01, 'w', 0x00, 0x00), MqttReasonCode.PROTOCOL_ERROR);
  }

  /** A level-5 CONNECT, clean start, client identifier "c", with these property bytes. */
  private static byte[] connectWithProperties(int... properties) {
    int[] body = new int[10 + 1 + properties.length + 3];
    int[] head = {0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C};
    System.arraycopy(head, 0, body, 0, head.length);
    body[10] = properties.length;
    System.arraycopy(properties, 0, body, 11, properties.length);
    body[11 + properties.length] = 0x00;
    body[12 + properties.length] = 0x01;
    body[13 + properties.length] = 'c';
    return packet(0x10, body);
  }

  /** A property from an identifier and a hex value, for table-driven tests. */
  private static int[] property(String id, String value) {
    String hex = value.substring(2);
    int[] property = new int[1 + hex.length() / 2];
    property[0] = Integer.decode(id);
    for (int i = 0; i < hex.length() / 2; i++) {
      property[1 + i] = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return property;
  }
}
