package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Framing: the fixed header, the remaining length, the maximum packet size, packet order. */
class MqttPacketDecoderTest extends CodecVectorTest {

  /** PUBLISH QoS 1 to "a/b", packet id 1, payload "hello": 14 bytes. */
  private static final byte[] PUBLISH_QOS1 = bytes(
      0x32, 0x0C,                   // PUBLISH, QoS 1, remaining length 12
      0x00, 0x03, 'a', '/', 'b',    // topic name "a/b"
      0x00, 0x01,                   // packet id 1
      'h', 'e', 'l', 'l', 'o');     // payload

  private static final PublishPacket PUBLISH_QOS1_PACKET = PublishPacket.of(
      MqttMessage.builder("a/b").payload(ascii("hello")).qos(1).build(), 1);

  @Test
  void publishQos1_splitAcrossThreeReads_decodesOnce() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V3_1_1);
    ByteBuf in = Unpooled.directBuffer(64);
    try {
      in.writeBytes(PUBLISH_QOS1, 0, 1); // the first byte only
      assertThat(decoder.decode(in)).isNull();
      assertThat(in.readerIndex()).isZero();

      in.writeBytes(PUBLISH_QOS1, 1, 6); // the remaining length and part of the topic
      assertThat(decoder.decode(in)).isNull();
      assertThat(in.readerIndex()).isZero();

      in.writeBytes(PUBLISH_QOS1, 7, PUBLISH_QOS1.length - 7);
      assertThat(decoder.decode(in)).isEqualTo(PUBLISH_QOS1_PACKET);
      assertThat(in.isReadable()).isFalse();
      assertThat(decoder.decode(in)).isNull();
    } finally {
      in.release();
    }
  }

  @Test
  void publishQos1_fedOneByteAtATime_decodesOnceAtTheLastByte() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V5);
    byte[] wire = bytes(
        0x32, 0x0D,                 // PUBLISH, QoS 1, remaining length 13
        0x00, 0x03, 'a', '/', 'b',  // topic name "a/b"
        0x00, 0x01,                 // packet id 1
        0x00,                       // no properties
        'h', 'e', 'l', 'l', 'o');   // payload
    ByteBuf in = Unpooled.directBuffer(64);
    try {
      List<MqttPacket> packets = new ArrayList<>();
      for (byte b : wire) {
        in.writeByte(b);
        MqttPacket packet = decoder.decode(in);
        if (packet != null) {
          packets.add(packet);
        }
      }
      assertThat(packets).containsExactly(PUBLISH_QOS1_PACKET);
    } finally {
      in.release();
    }
  }

  @Test
  void threePacketsInOneBuffer_decodeOneAfterAnother() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V3_1_1);
    ByteBuf in = Unpooled.directBuffer(64);
    try {
      in.writeBytes(PUBLISH_QOS1);
      in.writeBytes(bytes(0x40, 0x02, 0x00, 0x05)); // PUBACK id 5
      in.writeBytes(bytes(0xC0, 0x00));             // PINGREQ
      in.writeBytes(bytes(0x40));                   // the start of a fourth packet

      assertThat(decoder.decode(in)).isEqualTo(PUBLISH_QOS1_PACKET);
      assertThat(decoder.decode(in)).isEqualTo(PubackPacket.of(5));
      assertThat(decoder.decode(in)).isEqualTo(PingreqPacket.INSTANCE);
      assertThat(decoder.decode(in)).isNull();
      assertThat(in.readableBytes()).isEqualTo(1);
    } finally {
      in.release();
    }
  }

  @Test
  void emptyBuffer_returnsNull() {
    ByteBuf in = Unpooled.directBuffer(1);
    try {
      assertThat(MqttPacketDecoder.forServer(MAX).decode(in)).isNull();
    } finally {
      in.release();
    }
  }

  @Test
  void partialRemainingLength_waitsInsteadOfFailing() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V3_1_1);
    ByteBuf in = buffer(bytes(0x30, 0x80, 0x80)); // PUBLISH, remaining length continues
    try {
      assertThat(decoder.decode(in)).isNull();
      assertThat(in.readerIndex()).isZero();
    } finally {
      in.release();
    }
  }

  @Test
  void headerOfA100MegabytePublish_refusedBeforeTheBodyArrives() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V3_1_1);
    byte[] header = bytes(
        0x30,                       // PUBLISH QoS 0
        0x80, 0x80, 0x80, 0x32);    // remaining length 104,857,600 (100 MiB); no body sent

    MqttDecodeException e = decodeFails(decoder, header, MqttReasonCode.PACKET_TOO_LARGE);

    assertThat(e.getMessage()).contains("104857605 bytes");
  }

  @Test
  void packetOfExactlyTheMaximumSize_isAccepted() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V3_1_1);
    decoder.maximumPacketSize(14);

    assertThat(decode(decoder, PUBLISH_QOS1)).isEqualTo(PUBLISH_QOS1_PACKET);
  }

  @Test
  void packetOneByteOverTheMaximum_isPacketTooLarge() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V3_1_1);
    decoder.maximumPacketSize(13);

    decodeFails(decoder, PUBLISH_QOS1, MqttReasonCode.PACKET_TOO_LARGE);
  }

  @Test
  void remainingLengthOfFiveBytes_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1,
        bytes(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void remainingLengthNotInFewestBytes_isMalformed() {
    // PINGREQ with remaining length 0 written as 80 00 [MQTT-1.5.5-1].
    clientPacketFails(MqttVersion.V5, bytes(0xC0, 0x80, 0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void remainingLengthLongerThanTheContent_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1,
        bytes(0x40, 0x03, 0x00, 0x01, 0x00), MqttReasonCode.MALFORMED_PACKET); // PUBACK + 1 byte
  }

  @Test
  void remainingLengthShorterThanTheContent_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1,
        bytes(0x40, 0x01, 0x00), MqttReasonCode.MALFORMED_PACKET); // PUBACK, 1-byte packet id
  }

  @Test
  void pingreqWithABody_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1, bytes(0xC0, 0x01, 0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void reservedPacketType0_isMalformed() {
    clientPacketFails(MqttVersion.V5, bytes(0x00, 0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void authPacketType_v311_isMalformed() {
    clientPacketFails(MqttVersion.V3_1_1, bytes(0xF0, 0x00), MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "first byte {0}")
  @CsvSource({
    "0x41, PUBACK flags 0001",
    "0x60, PUBREL flags 0000",
    "0x63, PUBREL flags 0011",
    "0x80, SUBSCRIBE flags 0000",
    "0xA0, UNSUBSCRIBE flags 0000",
    "0xC8, PINGREQ flags 1000",
    "0xE2, DISCONNECT flags 0010",
    "0xF1, AUTH flags 0001",
    "0x52, PUBREC flags 0010",
    "0x74, PUBCOMP flags 0100"
  })
  void reservedFlagBitsWrong_isMalformed(String firstByte, String what) {
    int value = Integer.decode(firstByte);
    clientPacketFails(MqttVersion.V5, bytes(value, 0x02, 0x00, 0x01),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @ParameterizedTest(name = "first byte {0}")
  @CsvSource({"0x21", "0x91", "0xB1", "0xD1"})
  void reservedFlagBitsWrongFromServer_isMalformed(String firstByte) {
    serverPacketFails(MqttVersion.V5, bytes(Integer.decode(firstByte), 0x02, 0x00, 0x00),
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void connectFlagsNotZero_isMalformed() {
    byte[] connect = minimalConnect(MqttVersion.V3_1_1);
    connect[0] = 0x11;
    decodeFails(MqttPacketDecoder.forServer(MAX), connect, MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void firstPacketNotConnect_isProtocolError() {
    decodeFails(MqttPacketDecoder.forServer(MAX), bytes(0xC0, 0x00),
        MqttReasonCode.PROTOCOL_ERROR); // PINGREQ before CONNECT [MQTT-3.1.0-1]
  }

  @Test
  void secondConnect_isProtocolError() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V3_1_1);
    decodeFails(decoder, minimalConnect(MqttVersion.V3_1_1), MqttReasonCode.PROTOCOL_ERROR);
  }

  @ParameterizedTest
  @EnumSource(names = {"V3_1_1", "V5"})
  void serverToClientPacketsSentByAClient_areProtocolErrors(MqttVersion version) {
    clientPacketFails(version, bytes(0x20, 0x02, 0x00, 0x00), MqttReasonCode.PROTOCOL_ERROR);
    clientPacketFails(version, bytes(0x90, 0x03, 0x00, 0x01, 0x00), MqttReasonCode.PROTOCOL_ERROR);
    clientPacketFails(version, bytes(0xB0, 0x02, 0x00, 0x01), MqttReasonCode.PROTOCOL_ERROR);
    clientPacketFails(version, bytes(0xD0, 0x00), MqttReasonCode.PROTOCOL_ERROR);
  }

  @ParameterizedTest
  @EnumSource(names = {"V3_1_1", "V5"})
  void clientToServerPacketsSentByAServer_areProtocolErrors(MqttVersion version) {
    serverPacketFails(version, minimalConnect(version), MqttReasonCode.PROTOCOL_ERROR);
    serverPacketFails(version, bytes(0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 't', 0x00),
        MqttReasonCode.PROTOCOL_ERROR);
    serverPacketFails(version, bytes(0xA2, 0x05, 0x00, 0x01, 0x00, 0x01, 't'),
        MqttReasonCode.PROTOCOL_ERROR);
    serverPacketFails(version, bytes(0xC0, 0x00), MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void decodedPublish_doesNotShareTheInputBuffer() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V3_1_1);
    ByteBuf in = buffer(PUBLISH_QOS1);
    try {
      PublishPacket packet = (PublishPacket) decoder.decode(in);
      in.setZero(0, in.capacity());

      assertThat(packet.message().payloadAsString()).isEqualTo("hello");
      assertThat(in.refCnt()).isEqualTo(1);
    } finally {
      in.release();
    }
  }

  @Test
  void decodeError_restoresTheWriterIndexOfTheInput() {
    MqttPacketDecoder decoder = connectedServerDecoder(MqttVersion.V3_1_1);
    ByteBuf in = Unpooled.directBuffer(16);
    try {
      in.writeBytes(bytes(0x40, 0x03, 0x00, 0x01, 0x00)); // PUBACK with a trailing byte
      in.writeBytes(bytes(0xC0, 0x00));                   // and a PINGREQ behind it
      assertThatThrownBy(() -> decoder.decode(in)).isInstanceOf(MqttDecodeException.class);
      assertThat(in.writerIndex()).isEqualTo(7);
    } finally {
      in.release();
    }
  }

  @ParameterizedTest
  @CsvSource({"1", "16777217", "-5"})
  void maximumPacketSizeOutOfRange_isRefused(int bytes) {
    assertThatThrownBy(() -> MqttPacketDecoder.forServer(bytes))
        .isInstanceOf(IllegalArgumentException.class);
    MqttPacketDecoder decoder = MqttPacketDecoder.forClient(MqttVersion.V5, 1024);
    assertThatThrownBy(() -> decoder.maximumPacketSize(bytes))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(decoder.maximumPacketSize()).isEqualTo(1024);
  }

  @Test
  void clientDecoder_knowsItsVersion() {
    assertThat(MqttPacketDecoder.forClient(MqttVersion.V3_1, MAX).version())
        .isEqualTo(MqttVersion.V3_1);
  }
}
