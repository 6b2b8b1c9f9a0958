package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttRetainHandling;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.codec.RandomPackets.Direction;
import dev.mqttbridge.mqtt.internal.packet.AuthPacket;
import dev.mqttbridge.mqtt.internal.packet.AuthProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectProperties;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubackPacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.WillMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.BinaryProperty;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperty;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests against Netty's codec-mqtt, both ways: what our encoder writes Netty's decoder
 * reads with the same fields, and what Netty's builders and encoder write our decoder reads with the
 * same fields. Netty runs in an {@link EmbeddedChannel}, as it would in a pipeline.
 *
 * <p>Netty is lax where the specification is not: the second half of this class pins each such
 * case, shows Netty accepting it, and asserts that we reject it with the reason code the
 * specification asks for.
 */
@ExtendWith(LeakDetectionExtension.class)
class NettyCodecDifferentialTest {

  private static final int STREAMS = 30;
  private static final int STREAM_LENGTH = 30;
  private static final int MAXIMUM = MqttPacketDecoder.DEFAULT_MAXIMUM_PACKET_SIZE;

  /** Netty keeps the connection's version in this channel attribute (MqttCodecUtil). */
  private static final AttributeKey<io.netty.handler.codec.mqtt.MqttVersion> NETTY_VERSION =
      AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

  /**
   * The random streams use buffers the leak detector does not wrap (see {@link
   * CodecRoundTripTest#ALLOCATOR}) and check reference counts themselves; the hand-made cases use
   * pooled direct buffers, tracked at PARANOID by the {@link LeakDetectionExtension}.
   */
  private static final ByteBufAllocator UNTRACKED = CodecRoundTripTest.ALLOCATOR;

  private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

  static Stream<Arguments> versionsAndDirections() {
    List<Arguments> arguments = new ArrayList<>();
    for (MqttVersion version : MqttVersion.values()) {
      for (Direction direction : Direction.values()) {
        arguments.add(Arguments.of(version, direction));
      }
    }
    return arguments.stream();
  }

  // --- random packets, both ways ----------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("versionsAndDirections")
  void ourEncoding_decodedByNetty_hasTheSameFields(MqttVersion version, Direction direction) {
    for (int stream = 0; stream < STREAMS; stream++) {
      long seed = 7_919L * stream + 31L * version.ordinal() + direction.ordinal();
      List<MqttPacket> packets = new RandomPackets(seed, version, direction).stream(STREAM_LENGTH);
      MqttPacketEncoder encoder = new MqttPacketEncoder(version);
      EmbeddedChannel netty = nettyDecoderChannel(version, UNTRACKED);
      NettyToOurs converter = new NettyToOurs(version);
      List<ByteBuf> sent = new ArrayList<>();
      try {
        for (MqttPacket packet : packets) {
          if (!nettyDecodes(packet)) {
            continue;
          }
          ByteBuf encoded = encoder.encode(packet, UNTRACKED);
          sent.add(encoded);
          netty.writeInbound(encoded); // Netty's decoder releases it
          io.netty.handler.codec.mqtt.MqttMessage decoded = netty.readInbound();
          try {
            assertThat(decoded).as("Netty decoded nothing of %s", packet).isNotNull();
            assertThat(decoded.decoderResult().cause()).as("Netty's decoder on %s", packet)
                .isNull();
            assertThat(converter.convert(decoded)).as("seed %d", seed).isEqualTo(packet);
          } finally {
            ReferenceCountUtil.release(decoded);
          }
        }
      } finally {
        assertThat(netty.finishAndReleaseAll()).as("Netty left messages behind").isFalse();
      }
      assertThat(sent).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("versionsAndDirections")
  void nettyEncoding_decodedByOurs_hasTheSameFields(MqttVersion version, Direction direction) {
    for (int stream = 0; stream < STREAMS; stream++) {
      long seed = 104_729L * stream + 17L * version.ordinal() + direction.ordinal();
      List<MqttPacket> packets = new RandomPackets(seed, version, direction).stream(STREAM_LENGTH);
      EmbeddedChannel netty = nettyEncoderChannel(version, UNTRACKED);
      MqttPacketDecoder decoder = CodecRoundTripTest.decoder(version, direction);
      try {
        for (MqttPacket packet : packets) {
          assertThat(netty.writeOutbound(OursToNetty.convert(packet, version))).isTrue();
          ByteBuf encoded = netty.readOutbound();
          try {
            assertThat(decoder.decode(encoded)).as("seed %d", seed).isEqualTo(packet);
            assertThat(encoded.isReadable()).isFalse();
          } finally {
            assertThat(encoded.release()).as("our decoder retained its input").isTrue();
          }
        }
      } finally {
        assertThat(netty.finishAndReleaseAll()).isFalse();
      }
    }
  }

  /**
   * Netty cannot read some valid packets back; they are left out of the comparison above and pinned
   * by tests of their own below.
   */
  private static boolean nettyDecodes(MqttPacket packet) {
    // Netty reads a will topic of 32,768 bytes or more as null (decodeString(buffer, 0, 32767)).
    if (packet instanceof ConnectPacket connect && connect.will() != null) {
      return utf8Length(connect.will().message().topic()) <= 32_767;
    }
    return true;
  }

  // --- hand-made cases: 3.1.1 and 5.0 agree --------------------------------------------------------

  @Test
  void connectWithWillAndProperties_v5_bothCodecsReadTheSameFields() {
    MqttMessage willMessage = MqttMessage.builder("clients/c1/status").qos(MqttQos.AT_LEAST_ONCE)
        .retain(true).payload("offline").messageExpiryInterval(3_600).contentType("text/plain")
        .responseTopic("clients/c1/reply").correlationData(new byte[] {1, 2, 3})
        .userProperty("origin", "test").build();
    ConnectPacket connect = new ConnectPacket(MqttVersion.V5, "c1", false, 30, "user",
        new byte[] {'p', 'w'}, new WillMessage(willMessage, 10),
        new ConnectProperties(3_600, 100, 65_536, 8, true, false,
            List.of(MqttUserProperty.of("a", "1"), MqttUserProperty.of("a", "2")), "SCRAM-SHA-1",
            new byte[] {9, 8, 7}));
    assertBothWays(MqttVersion.V5, Direction.CLIENT_TO_SERVER, connect);
  }

  @Test
  void publishWithEveryProperty_v5_bothCodecsReadTheSameFields() {
    MqttMessage message = MqttMessage.builder("sensors/ü/温度").qos(MqttQos.EXACTLY_ONCE)
        .payload("21.5 °C").messageExpiryInterval(0xFFFF_FFFFL).contentType("text/plain")
        .responseTopic("replies/1").correlationData(new byte[0]).userProperty("", "")
        .userProperty("unit", "celsius").build();
    PublishPacket publish = new PublishPacket(message, 65_535, true, 7, false,
        List.of(1, 268_435_455));
    assertBothWays(MqttVersion.V5, Direction.SERVER_TO_CLIENT, publish);
  }

  @Test
  void subscribeWithEveryOption_bothCodecsReadTheSameFields() {
    SubscribePacket v5 = new SubscribePacket(1, List.of(
        new MqttSubscription("a/+/c", MqttQos.EXACTLY_ONCE, true, true,
            MqttRetainHandling.DO_NOT_SEND),
        new MqttSubscription("$share/g/a/#", MqttQos.AT_MOST_ONCE, false, true,
            MqttRetainHandling.SEND_IF_NEW_SUBSCRIPTION)),
        16_384, List.of(MqttUserProperty.of("k", "v")));
    assertBothWays(MqttVersion.V5, Direction.CLIENT_TO_SERVER, v5);
    SubscribePacket v311 = new SubscribePacket(65_535, List.of(
        MqttSubscription.of("a/#", MqttQos.AT_LEAST_ONCE), MqttSubscription.of("+", MqttQos.AT_MOST_ONCE)),
        0, List.of());
    assertBothWays(MqttVersion.V3_1_1, Direction.CLIENT_TO_SERVER, v311);
  }

  @Test
  void acksWithReasonCodesAndProperties_v5_bothCodecsReadTheSameFields() {
    ReasonProperties properties = new ReasonProperties("quota", List.of(MqttUserProperty.of("x", "y")));
    assertBothWays(MqttVersion.V5, Direction.SERVER_TO_CLIENT,
        new PubackPacket(1, MqttReasonCode.NO_MATCHING_SUBSCRIBERS, ReasonProperties.NONE),
        new PubackPacket(2, MqttReasonCode.QUOTA_EXCEEDED, properties),
        new PubrecPacket(3, MqttReasonCode.PACKET_IDENTIFIER_IN_USE, properties),
        new PubrelPacket(4, MqttReasonCode.PACKET_IDENTIFIER_NOT_FOUND, ReasonProperties.NONE),
        new PubcompPacket(5, MqttReasonCode.SUCCESS, properties),
        new SubackPacket(6, List.of(MqttReasonCode.GRANTED_QOS_2, MqttReasonCode.NOT_AUTHORIZED,
            MqttReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED), properties),
        new UnsubackPacket(7, List.of(MqttReasonCode.NO_SUBSCRIPTION_EXISTED), properties),
        new DisconnectPacket(MqttReasonCode.SERVER_MOVED,
            new DisconnectProperties(-1, "moved", List.of(), "other.example:1883")),
        new AuthPacket(MqttReasonCode.CONTINUE_AUTHENTICATION,
            new AuthProperties("SCRAM-SHA-1", new byte[] {1}, null, List.of())));
  }

  @Test
  void connectAndConnack_v31_bothCodecsSpeakMqIsdp() {
    assertBothWays(MqttVersion.V3_1, Direction.CLIENT_TO_SERVER,
        new ConnectPacket(MqttVersion.V3_1, "client-31", true, 60, "u", new byte[] {1}, null,
            ConnectProperties.DEFAULTS),
        PubackPacket.of(9));
    assertBothWays(MqttVersion.V3_1, Direction.SERVER_TO_CLIENT,
        new ConnackPacket(false, MqttReasonCode.NOT_AUTHORIZED, ConnackProperties.DEFAULTS));
  }

  private void assertBothWays(MqttVersion version, Direction direction, MqttPacket... packets) {
    MqttPacketEncoder encoder = new MqttPacketEncoder(version);
    EmbeddedChannel nettyDecoder = nettyDecoderChannel(version, allocator);
    EmbeddedChannel nettyEncoder = nettyEncoderChannel(version, allocator);
    NettyToOurs converter = new NettyToOurs(version);
    MqttPacketDecoder ours = CodecRoundTripTest.decoder(version, direction);
    if (direction == Direction.CLIENT_TO_SERVER && !(packets[0] instanceof ConnectPacket)) {
      ByteBuf connect = encoder.encode(new RandomPackets(0, version, direction).connect(),
          allocator);
      try {
        assertThat(ours.decode(connect)).isInstanceOf(ConnectPacket.class);
      } finally {
        connect.release();
      }
    }
    for (MqttPacket packet : packets) {
      nettyDecoder.writeInbound(encoder.encode(packet, allocator));
      io.netty.handler.codec.mqtt.MqttMessage decoded = nettyDecoder.readInbound();
      try {
        assertThat(decoded.decoderResult().cause()).isNull();
        assertThat(converter.convert(decoded)).as("ours -> Netty").isEqualTo(packet);
      } finally {
        ReferenceCountUtil.release(decoded);
      }
      nettyEncoder.writeOutbound(OursToNetty.convert(packet, version));
      ByteBuf encoded = nettyEncoder.readOutbound();
      try {
        assertThat(ours.decode(encoded)).as("Netty -> ours").isEqualTo(packet);
      } finally {
        encoded.release();
      }
    }
    assertThat(nettyDecoder.finishAndReleaseAll()).isFalse();
    assertThat(nettyEncoder.finishAndReleaseAll()).isFalse();
  }

  // --- where Netty is lax: it accepts, we reject ---------------------------------------------------

  @Test
  void publishTopicWithNullCharacter_bothCodecsRejectIt() {
    // [MQTT-1.5.4-2]: a UTF-8 string must not contain U+0000. Netty 4.2 checks it too.
    byte[] publish = {
        0x30, 0x06,               // PUBLISH QoS 0, remaining length 6
        0x00, 0x03, 'a', 0, 'b',  // topic "a\0b"
        'x'                       // payload
    };
    assertNettyRejects(MqttVersion.V3_1_1, publish);
    assertOursRejects(MqttVersion.V3_1_1, Direction.SERVER_TO_CLIENT, publish,
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void publishTopicWithMalformedUtf8_bothCodecsRejectIt() {
    // [MQTT-1.5.4-1]: ill-formed UTF-8, here an overlong '/' and a UTF-16 surrogate.
    byte[] publish = {
        0x30, 0x09,
        0x00, 0x06, 'a', (byte) 0xC0, (byte) 0xAF,   // topic: "a", overlong '/',
        (byte) 0xED, (byte) 0xA0, (byte) 0x80,       // and the surrogate U+D800
        'x'                                          // payload
    };
    assertNettyRejects(MqttVersion.V3_1_1, publish);
    assertOursRejects(MqttVersion.V3_1_1, Direction.SERVER_TO_CLIENT, publish,
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void qos0PublishWithDupFlag_nettyAccepts_oursRejects() {
    // [MQTT-3.3.1-2]: the DUP flag must be 0 for QoS 0.
    byte[] publish = {
        0x38, 0x04,        // PUBLISH, DUP=1, QoS 0
        0x00, 0x01, 't',   // topic "t"
        'x'                // payload
    };
    assertNettyAccepts(MqttVersion.V3_1_1, publish);
    assertOursRejects(MqttVersion.V3_1_1, Direction.SERVER_TO_CLIENT, publish, null);
  }

  @Test
  void subscribeWithReservedOptionBits_nettyAccepts_oursRejectsAsMalformed() {
    // 3.1.1 [MQTT-3.8.3-4]: the upper six bits of the requested QoS byte are reserved; Netty reads
    // them as the MQTT 5 options even on a 3.1.1 connection. 5.0 [MQTT-3.8.3-5]: bits 6 and 7.
    byte[] v311 = {
        (byte) 0x82, 0x06,   // SUBSCRIBE, remaining length 6
        0x00, 0x01,          // packet id 1
        0x00, 0x01, 'a',     // filter "a"
        0x05                 // QoS 1 with reserved bit 2 set
    };
    assertNettyAccepts(MqttVersion.V3_1_1, v311);
    assertOursRejects(MqttVersion.V3_1_1, Direction.CLIENT_TO_SERVER, v311,
        MqttReasonCode.MALFORMED_PACKET);
    byte[] v5 = {
        (byte) 0x82, 0x07,
        0x00, 0x01,          // packet id 1
        0x00,                // no properties
        0x00, 0x01, 'a',     // filter "a"
        (byte) 0xC1          // QoS 1 with reserved bits 6 and 7 set
    };
    assertNettyAccepts(MqttVersion.V5, v5);
    assertOursRejects(MqttVersion.V5, Direction.CLIENT_TO_SERVER, v5,
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void subscribeAndUnsubscribeWithoutTopicFilters_nettyAccepts_oursRejects() {
    // [MQTT-3.8.3-3] and [MQTT-3.10.3-2]: at least one topic filter. Netty returns an empty list.
    byte[] subscribe = {(byte) 0x82, 0x02, 0x00, 0x01};   // packet id 1, no payload
    byte[] unsubscribe = {(byte) 0xA2, 0x02, 0x00, 0x01};
    for (byte[] packet : List.of(subscribe, unsubscribe)) {
      assertNettyAccepts(MqttVersion.V3_1_1, packet);
      assertOursRejects(MqttVersion.V3_1_1, Direction.CLIENT_TO_SERVER, packet, null);
    }
  }

  @Test
  void connectWithPasswordButNoUserName_v311_nettyAccepts_oursRejects() {
    // [MQTT-3.1.2-22]: in 3.1.1, no password without a user name (5.0 allows it).
    byte[] connect = {
        0x10, 0x10,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0x42,                 // password flag, clean session; no user name flag
        0x00, 0x3C,           // keep alive 60
        0x00, 0x01, 'c',      // client id "c"
        0x00, 0x01, 'p'       // password "p"
    };
    assertNettyAccepts(null, connect);
    assertOursRejects(MqttVersion.V3_1_1, Direction.CLIENT_TO_SERVER, connect, null);
  }

  @Test
  void connectWithWillQosButNoWillFlag_nettyAccepts_oursRejects() {
    // [MQTT-3.1.2-11] / [MQTT-3.1.2-13]: without the will flag, will QoS and will retain are 0.
    byte[] connect = {
        0x10, 0x0D,
        0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
        0x2A,                 // will retain, will QoS 1, clean session; no will flag
        0x00, 0x3C,
        0x00, 0x01, 'c'
    };
    assertNettyAccepts(null, connect);
    assertOursRejects(MqttVersion.V3_1_1, Direction.CLIENT_TO_SERVER, connect, null);
  }

  @Test
  void connackWithReservedFlagBits_nettyAccepts_oursRejectsAsMalformed() {
    // 3.1.1 section 3.2.2.1 and [MQTT-3.2.2-1] (5.0): bits 7-1 of the acknowledge flags are 0.
    byte[] connack = {0x20, 0x02, 0x02, 0x00};
    assertNettyAccepts(MqttVersion.V3_1_1, connack);
    assertOursRejects(MqttVersion.V3_1_1, Direction.SERVER_TO_CLIENT, connack,
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void duplicateProperty_nettyKeepsTheLast_oursRejectsAsProtocolError() {
    // 5.0 section 3.3.2.3: "It is a Protocol Error to include the Content Type more than once".
    // Netty's MqttProperties overwrites the first with the second.
    byte[] publish = {
        0x30, 0x0C,
        0x00, 0x01, 't',                  // topic "t"
        0x08,                             // properties: 8 bytes
        0x03, 0x00, 0x01, 'a',            // content type "a"
        0x03, 0x00, 0x01, 'b'             // content type "b", again
    };
    assertNettyAccepts(MqttVersion.V5, publish);
    assertOursRejects(MqttVersion.V5, Direction.SERVER_TO_CLIENT, publish,
        MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void propertyThatDoesNotBelongToThePacket_nettyAccepts_oursRejects() {
    // 5.0 section 2.2.2.2: a PUBLISH may not carry a Session Expiry Interval (0x11). Netty's property
    // decoder accepts any known property in any packet.
    byte[] publish = {
        0x30, 0x09,
        0x00, 0x01, 't',
        0x05,                             // properties: 5 bytes
        0x11, 0x00, 0x00, 0x00, 0x0A      // session expiry interval 10
    };
    assertNettyAccepts(MqttVersion.V5, publish);
    assertOursRejects(MqttVersion.V5, Direction.SERVER_TO_CLIENT, publish, null);
  }

  @Test
  void subackWithUndefinedReasonCode_v5_nettyAccepts_oursRejectsAsMalformed() {
    // 5.0 section 3.9.3: 0x03 is no SUBACK reason code. Netty keeps any byte.
    byte[] suback = {(byte) 0x90, 0x04, 0x00, 0x01, 0x00, 0x03};
    assertNettyAccepts(MqttVersion.V5, suback);
    assertOursRejects(MqttVersion.V5, Direction.SERVER_TO_CLIENT, suback,
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void remainingLengthInMoreBytesThanNeeded_nettyAccepts_oursRejectsAsMalformed() {
    // [MQTT-1.5.5-1]: a variable byte integer uses the fewest bytes. 0x80 0x00 is a two-byte 0.
    byte[] pingresp = {(byte) 0xD0, (byte) 0x80, 0x00};
    assertNettyAccepts(MqttVersion.V3_1_1, pingresp);
    assertOursRejects(MqttVersion.V3_1_1, Direction.SERVER_TO_CLIENT, pingresp,
        MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void willTopicOver32KiB_nettyReadsNull_oursReadsIt() {
    // A topic may be 65,535 bytes; Netty's decoder caps the will topic at 32,767 and returns null.
    String topic = "w".repeat(40_000);
    ConnectPacket connect = new ConnectPacket(MqttVersion.V3_1_1, "c", true, 0, null, null,
        new WillMessage(MqttMessage.builder(topic).build(), 0), ConnectProperties.DEFAULTS);
    MqttPacketEncoder encoder = new MqttPacketEncoder(MqttVersion.V3_1_1);
    EmbeddedChannel netty = nettyDecoderChannel(null, allocator);
    netty.writeInbound(encoder.encode(connect, allocator));
    MqttConnectMessage decoded = netty.readInbound();
    assertThat(decoded.payload().willTopic()).isNull();
    assertThat(netty.finishAndReleaseAll()).isFalse();
    MqttPacketDecoder ours = MqttPacketDecoder.forServer(MAXIMUM);
    ByteBuf encoded = encoder.encode(connect, allocator);
    try {
      assertThat(ours.decode(encoded)).isEqualTo(connect);
    } finally {
      encoded.release();
    }
  }

  @Test
  void subscribeWithMisplacedWildcard_nettyEncodes_oursRejectsAsMalformed() {
    // Netty's builder and encoder write any topic filter; '#' must be the last level
    // [MQTT-4.7.1-1]. (Netty's encoder does refuse wildcards in a PUBLISH topic.)
    EmbeddedChannel netty = nettyEncoderChannel(MqttVersion.V3_1_1, allocator);
    netty.writeOutbound(MqttMessageBuilders.subscribe().messageId(1)
        .addSubscription(MqttQoS.AT_LEAST_ONCE, "a/#/b").build());
    ByteBuf encoded = netty.readOutbound();
    try {
      assertOursRejects(MqttVersion.V3_1_1, Direction.CLIENT_TO_SERVER,
          ByteBufUtil.getBytes(encoded), MqttReasonCode.MALFORMED_PACKET);
    } finally {
      encoded.release();
    }
    assertThat(netty.finishAndReleaseAll()).isFalse();
  }

  @Test
  void nettyConnackPropertiesBuilder_announcesRetainUnavailableByDefault_oursLeavesTheDefault() {
    // Netty's typed CONNACK properties builder always writes Retain Available and Topic Alias
    // Maximum, so a server that sets only a reason string tells its clients that retained
    // messages are not supported (5.0 section 3.2.2.3.5 makes absence mean "available").
    EmbeddedChannel netty = nettyEncoderChannel(MqttVersion.V5, allocator);
    netty.writeOutbound(MqttMessageBuilders.connAck()
        .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
        .properties(properties -> properties.reasonString("welcome")).build());
    ByteBuf encoded = netty.readOutbound();
    try {
      ConnackPacket decoded = (ConnackPacket) MqttPacketDecoder.forClient(MqttVersion.V5, MAXIMUM)
          .decode(encoded);
      assertThat(decoded.properties().reasonString()).isEqualTo("welcome");
      assertThat(decoded.properties().retainAvailable()).as("what Netty's builder said").isFalse();
    } finally {
      encoded.release();
    }
    assertThat(netty.finishAndReleaseAll()).isFalse();
    // Ours: properties at their defaults are not written at all.
    ConnackPacket ours = new ConnackPacket(false, MqttReasonCode.SUCCESS, new ConnackProperties(-1,
        65_535, MqttQos.EXACTLY_ONCE, true, 0, null, 0, "welcome", List.of(), true, true, true, -1,
        null, null, null, null));
    ByteBuf ourBytes = new MqttPacketEncoder(MqttVersion.V5).encode(ours, allocator);
    try {
      assertThat(ByteBufUtil.getBytes(ourBytes)).containsExactly(
          0x20, 0x0D,                          // CONNACK, remaining length 13
          0x00, 0x00,                          // no session, success
          0x0A,                                // properties: 10 bytes
          0x1F, 0x00, 0x07, 'w', 'e', 'l', 'c', 'o', 'm', 'e'); // reason string only
    } finally {
      ourBytes.release();
    }
  }

  /** Netty's encoder on a connection of this version. */
  private static EmbeddedChannel nettyEncoderChannel(MqttVersion version,
      ByteBufAllocator allocator) {
    EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
    channel.config().setAllocator(allocator);
    channel.attr(NETTY_VERSION).set(nettyVersion(version));
    return channel;
  }

  /** Netty's decoder, with its limits opened up to ours, on a connection of this version. */
  private static EmbeddedChannel nettyDecoderChannel(MqttVersion version,
      ByteBufAllocator allocator) {
    EmbeddedChannel channel = new EmbeddedChannel(new MqttDecoder(MAXIMUM, 65_535));
    channel.config().setAllocator(allocator);
    if (version != null) {
      channel.attr(NETTY_VERSION).set(nettyVersion(version));
    }
    return channel;
  }

  private static void assertNettyAccepts(MqttVersion version, byte[] bytes) {
    EmbeddedChannel netty = nettyDecoderChannel(version, PooledByteBufAllocator.DEFAULT);
    netty.writeInbound(directBuffer(bytes));
    io.netty.handler.codec.mqtt.MqttMessage decoded = netty.readInbound();
    try {
      assertThat(decoded).isNotNull();
      assertThat(decoded.decoderResult().cause()).as("Netty's decoder").isNull();
    } finally {
      ReferenceCountUtil.release(decoded);
      assertThat(netty.finishAndReleaseAll()).isFalse();
    }
  }

  private static void assertNettyRejects(MqttVersion version, byte[] bytes) {
    EmbeddedChannel netty = nettyDecoderChannel(version, PooledByteBufAllocator.DEFAULT);
    netty.writeInbound(directBuffer(bytes));
    io.netty.handler.codec.mqtt.MqttMessage decoded = netty.readInbound();
    try {
      assertThat(decoded.decoderResult().isFailure()).as("Netty's decoder fails").isTrue();
    } finally {
      ReferenceCountUtil.release(decoded);
      assertThat(netty.finishAndReleaseAll()).isFalse();
    }
  }

  /**
   * Our decoder rejects these bytes, with this reason code or, when {@code expected} is null, with
   * any error code. Client-to-server bytes other than a CONNECT follow a valid CONNECT.
   */
  private void assertOursRejects(MqttVersion version, Direction direction, byte[] bytes,
      MqttReasonCode expected) {
    MqttPacketDecoder decoder = CodecRoundTripTest.decoder(version, direction);
    if (direction == Direction.CLIENT_TO_SERVER && bytes[0] != 0x10) {
      ByteBuf connect = new MqttPacketEncoder(version).encode(
          new RandomPackets(1, version, direction).connect(), allocator);
      try {
        assertThat(decoder.decode(connect)).isInstanceOf(ConnectPacket.class);
      } finally {
        connect.release();
      }
    }
    ByteBuf buffer = directBuffer(bytes);
    try {
      assertThatThrownBy(() -> decoder.decode(buffer))
          .as("our decoder on %s", ByteBufUtil.hexDump(bytes))
          .isInstanceOfSatisfying(MqttDecodeException.class, e -> {
            if (expected != null) {
              assertThat(e.reasonCode()).isEqualTo(expected);
            } else {
              assertThat(e.reasonCode().isError()).as("%s is an error", e.reasonCode()).isTrue();
            }
          });
    } finally {
      buffer.release();
    }
  }

  /** A tracked copy: the leak detector does not track unpooled heap buffers. */
  private static ByteBuf directBuffer(byte[] bytes) {
    return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
  }

  private static io.netty.handler.codec.mqtt.MqttVersion nettyVersion(MqttVersion version) {
    switch (version) {
      case V3_1:
        return io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1;
      case V3_1_1:
        return io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1_1;
      default:
        return io.netty.handler.codec.mqtt.MqttVersion.MQTT_5;
    }
  }

  private static int utf8Length(String text) {
    return ByteBufUtil.utf8Bytes(text);
  }

  // --- converters -----------------------------------------------------------------------------

  /** Our packets as Netty messages, built with Netty's builders where it has one. */
  static final class OursToNetty {

    static io.netty.handler.codec.mqtt.MqttMessage convert(MqttPacket packet, MqttVersion version) {
      if (packet instanceof ConnectPacket connect) {
        return connect(connect);
      } else if (packet instanceof ConnackPacket connack) {
        return MqttMessageBuilders.connAck()
            .returnCode(MqttConnectReturnCode.valueOf((byte) connackCode(connack, version)))
            .sessionPresent(connack.sessionPresent())
            .properties(connackProperties(connack.properties()))
            .build();
      } else if (packet instanceof PublishPacket publish) {
        return publish(publish);
      } else if (packet instanceof PubackPacket ack) {
        return MqttMessageBuilders.pubAck().packetId(ack.packetId())
            .reasonCode((byte) ack.reasonCode().value())
            .properties(reasonProperties(ack.properties())).build();
      } else if (packet instanceof PubrecPacket ack) {
        return pubReply(MqttMessageType.PUBREC, ack.packetId(), ack.reasonCode(), ack.properties());
      } else if (packet instanceof PubrelPacket ack) {
        return pubReply(MqttMessageType.PUBREL, ack.packetId(), ack.reasonCode(), ack.properties());
      } else if (packet instanceof PubcompPacket ack) {
        return pubReply(MqttMessageType.PUBCOMP, ack.packetId(), ack.reasonCode(),
            ack.properties());
      } else if (packet instanceof SubscribePacket subscribe) {
        MqttMessageBuilders.SubscribeBuilder builder = MqttMessageBuilders.subscribe()
            .messageId(subscribe.packetId());
        for (MqttSubscription subscription : subscribe.subscriptions()) {
          builder.addSubscription(subscription.topicFilter(), new MqttSubscriptionOption(
              MqttQoS.valueOf(subscription.qos().code()), subscription.noLocal(),
              subscription.retainAsPublished(),
              RetainedHandlingPolicy.valueOf(subscription.retainHandling().code())));
        }
        MqttProperties properties = userProperties(subscribe.userProperties());
        if (subscribe.subscriptionIdentifier() != 0) {
          properties.add(new IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER,
              subscribe.subscriptionIdentifier()));
        }
        return builder.properties(properties).build();
      } else if (packet instanceof SubackPacket suback) {
        MqttMessageBuilders.SubAckBuilder builder = MqttMessageBuilders.subAck()
            .packetId(suback.packetId()).properties(reasonProperties(suback.properties()));
        // The builder takes granted QoS levels only, so the codes go through the message itself.
        MqttSubAckMessage built = builder.build();
        int[] codes = suback.reasonCodes().stream().mapToInt(MqttReasonCode::value).toArray();
        return new MqttSubAckMessage(built.fixedHeader(), built.idAndPropertiesVariableHeader(),
            new io.netty.handler.codec.mqtt.MqttSubAckPayload(codes));
      } else if (packet instanceof UnsubscribePacket unsubscribe) {
        MqttMessageBuilders.UnsubscribeBuilder builder = MqttMessageBuilders.unsubscribe()
            .messageId(unsubscribe.packetId())
            .properties(userProperties(unsubscribe.userProperties()));
        unsubscribe.topicFilters().forEach(builder::addTopicFilter);
        return builder.build();
      } else if (packet instanceof UnsubackPacket unsuback) {
        MqttMessageBuilders.UnsubAckBuilder builder = MqttMessageBuilders.unsubAck()
            .packetId(unsuback.packetId()).properties(reasonProperties(unsuback.properties()));
        unsuback.reasonCodes().forEach(code -> builder.addReasonCode((short) code.value()));
        return builder.build();
      } else if (packet instanceof PingreqPacket) {
        return io.netty.handler.codec.mqtt.MqttMessage.PINGREQ;
      } else if (packet instanceof PingrespPacket) {
        return io.netty.handler.codec.mqtt.MqttMessage.PINGRESP;
      } else if (packet instanceof DisconnectPacket disconnect) {
        DisconnectProperties ours = disconnect.properties();
        MqttProperties properties = userProperties(ours.userProperties());
        if (ours.sessionExpiryInterval() >= 0) {
          properties.add(new IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL,
              (int) ours.sessionExpiryInterval()));
        }
        addString(properties, MqttProperties.REASON_STRING, ours.reasonString());
        addString(properties, MqttProperties.SERVER_REFERENCE, ours.serverReference());
        return MqttMessageBuilders.disconnect().reasonCode((byte) disconnect.reasonCode().value())
            .properties(properties).build();
      } else if (packet instanceof AuthPacket auth) {
        AuthProperties ours = auth.properties();
        MqttProperties properties = userProperties(ours.userProperties());
        addString(properties, MqttProperties.AUTHENTICATION_METHOD, ours.authenticationMethod());
        addBinary(properties, MqttProperties.AUTHENTICATION_DATA, ours.authenticationData());
        addString(properties, MqttProperties.REASON_STRING, ours.reasonString());
        return MqttMessageBuilders.auth().reasonCode((byte) auth.reasonCode().value())
            .properties(properties).build();
      }
      throw new IllegalArgumentException(packet.toString());
    }

    private static MqttConnectMessage connect(ConnectPacket connect) {
      ConnectProperties ours = connect.properties();
      MqttProperties properties = userProperties(ours.userProperties());
      addNonDefault(properties, MqttProperties.SESSION_EXPIRY_INTERVAL,
          ours.sessionExpiryInterval(), 0);
      addNonDefault(properties, MqttProperties.RECEIVE_MAXIMUM, ours.receiveMaximum(), 65_535);
      addNonDefault(properties, MqttProperties.MAXIMUM_PACKET_SIZE, ours.maximumPacketSize(), 0);
      addNonDefault(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM, ours.topicAliasMaximum(), 0);
      addNonDefault(properties, MqttProperties.REQUEST_RESPONSE_INFORMATION,
          ours.requestResponseInformation() ? 1 : 0, 0);
      addNonDefault(properties, MqttProperties.REQUEST_PROBLEM_INFORMATION,
          ours.requestProblemInformation() ? 1 : 0, 1);
      addString(properties, MqttProperties.AUTHENTICATION_METHOD, ours.authenticationMethod());
      addBinary(properties, MqttProperties.AUTHENTICATION_DATA, ours.authenticationData());
      MqttMessageBuilders.ConnectBuilder builder = MqttMessageBuilders.connect()
          .protocolVersion(nettyVersion(connect.version()))
          .clientId(connect.clientId())
          .cleanSession(connect.cleanStart())
          .keepAlive(connect.keepAlive())
          .properties(properties);
      if (connect.username() != null) {
        builder.hasUser(true).username(connect.username());
      }
      if (connect.password() != null) {
        builder.hasPassword(true).password(connect.password());
      }
      WillMessage will = connect.will();
      if (will != null) {
        MqttProperties willProperties = messageProperties(will.message());
        addNonDefault(willProperties, MqttProperties.WILL_DELAY_INTERVAL, will.delayInterval(), 0);
        builder.willFlag(true).willTopic(will.message().topic())
            .willMessage(will.message().unsafePayload())
            .willQoS(MqttQoS.valueOf(will.message().qos().code()))
            .willRetain(will.message().isRetain())
            .willProperties(willProperties);
      }
      return builder.build();
    }

    private static io.netty.handler.codec.mqtt.MqttMessage publish(PublishPacket publish) {
      MqttMessage message = publish.message();
      MqttProperties properties = messageProperties(message);
      if (publish.topicAlias() != 0) {
        properties.add(new IntegerProperty(MqttProperties.TOPIC_ALIAS, publish.topicAlias()));
      }
      for (int identifier : publish.subscriptionIdentifiers()) {
        properties.add(new IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, identifier));
      }
      // The builder has no DUP flag: build the message from its parts.
      MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, publish.duplicate(),
          MqttQoS.valueOf(message.qos().code()), message.isRetain(), 0);
      return new MqttPublishMessage(header, new MqttPublishVariableHeader(
          publish.aliasOnly() ? "" : message.topic(), publish.packetId(), properties),
          Unpooled.wrappedBuffer(message.unsafePayload()));
    }

    private static io.netty.handler.codec.mqtt.MqttMessage pubReply(MqttMessageType type,
        int packetId, MqttReasonCode code, ReasonProperties properties) {
      // PUBREL's fixed header flags are 0010 [MQTT-3.6.1-1]; Netty takes them from the QoS field.
      MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
      return new io.netty.handler.codec.mqtt.MqttMessage(
          new MqttFixedHeader(type, false, qos, false, 0),
          new MqttPubReplyMessageVariableHeader(packetId, (byte) code.value(),
              reasonProperties(properties)));
    }

    private static int connackCode(ConnackPacket connack, MqttVersion version) {
      if (version.isMqtt5()) {
        return connack.reasonCode().value();
      }
      return RandomPackets.CONNACK_CODES_3.indexOf(connack.reasonCode());
    }

    private static MqttProperties connackProperties(ConnackProperties ours) {
      MqttProperties properties = userProperties(ours.userProperties());
      addNonDefault(properties, MqttProperties.SESSION_EXPIRY_INTERVAL,
          ours.sessionExpiryInterval(), -1);
      addNonDefault(properties, MqttProperties.RECEIVE_MAXIMUM, ours.receiveMaximum(), 65_535);
      addNonDefault(properties, MqttProperties.MAXIMUM_QOS, ours.maximumQos().code(), 2);
      addNonDefault(properties, MqttProperties.RETAIN_AVAILABLE, ours.retainAvailable() ? 1 : 0,
          1);
      addNonDefault(properties, MqttProperties.MAXIMUM_PACKET_SIZE, ours.maximumPacketSize(), 0);
      addString(properties, MqttProperties.ASSIGNED_CLIENT_IDENTIFIER,
          ours.assignedClientIdentifier());
      addNonDefault(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM, ours.topicAliasMaximum(), 0);
      addString(properties, MqttProperties.REASON_STRING, ours.reasonString());
      addNonDefault(properties, MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE,
          ours.wildcardSubscriptionAvailable() ? 1 : 0, 1);
      addNonDefault(properties, MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE,
          ours.subscriptionIdentifiersAvailable() ? 1 : 0, 1);
      addNonDefault(properties, MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE,
          ours.sharedSubscriptionAvailable() ? 1 : 0, 1);
      addNonDefault(properties, MqttProperties.SERVER_KEEP_ALIVE, ours.serverKeepAlive(), -1);
      addString(properties, MqttProperties.RESPONSE_INFORMATION, ours.responseInformation());
      addString(properties, MqttProperties.SERVER_REFERENCE, ours.serverReference());
      addString(properties, MqttProperties.AUTHENTICATION_METHOD, ours.authenticationMethod());
      addBinary(properties, MqttProperties.AUTHENTICATION_DATA, ours.authenticationData());
      return properties;
    }

    private static MqttProperties messageProperties(MqttMessage message) {
      MqttProperties properties = userProperties(message.userProperties());
      if (message.isPayloadUtf8()) {
        properties.add(new IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
      }
      message.messageExpiryInterval().ifPresent(seconds -> properties.add(
          new IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, (int) seconds)));
      addString(properties, MqttProperties.CONTENT_TYPE, message.contentType());
      addString(properties, MqttProperties.RESPONSE_TOPIC, message.responseTopic());
      addBinary(properties, MqttProperties.CORRELATION_DATA, message.unsafeCorrelationData());
      return properties;
    }

    private static MqttProperties reasonProperties(ReasonProperties ours) {
      MqttProperties properties = userProperties(ours.userProperties());
      addString(properties, MqttProperties.REASON_STRING, ours.reasonString());
      return properties;
    }

    private static MqttProperties userProperties(List<MqttUserProperty> ours) {
      MqttProperties properties = new MqttProperties();
      for (MqttUserProperty property : ours) {
        properties.add(new UserProperty(property.name(), property.value()));
      }
      return properties;
    }

    private static void addNonDefault(MqttProperties properties, int id, long value,
        long absent) {
      if (value != absent) {
        properties.add(new IntegerProperty(id, (int) value)); // Netty holds uint32 as int
      }
    }

    private static void addString(MqttProperties properties, int id, String value) {
      if (value != null) {
        properties.add(new StringProperty(id, value));
      }
    }

    private static void addBinary(MqttProperties properties, int id, byte[] value) {
      if (value != null) {
        properties.add(new BinaryProperty(id, value));
      }
    }
  }

  /**
   * Netty's decoded messages as our packets, field by field. Netty does not resolve topic aliases,
   * so this remembers them as our decoder would.
   */
  static final class NettyToOurs {
    private final MqttVersion version;
    private final Map<Integer, String> aliases = new HashMap<>();

    NettyToOurs(MqttVersion version) {
      this.version = version;
    }

    MqttPacket convert(io.netty.handler.codec.mqtt.MqttMessage message) {
      switch (message.fixedHeader().messageType()) {
        case CONNECT:
          return connect((MqttConnectMessage) message);
        case CONNACK: {
          MqttConnAckMessage connack = (MqttConnAckMessage) message;
          int code = connack.variableHeader().connectReturnCode().byteValue() & 0xFF;
          return new ConnackPacket(connack.variableHeader().isSessionPresent(),
              version.isMqtt5() ? MqttReasonCode.fromValue(code)
                  : RandomPackets.CONNACK_CODES_3.get(code),
              connackProperties(connack.variableHeader().properties()));
        }
        case PUBLISH:
          return publish((MqttPublishMessage) message);
        case PUBACK: {
          MqttPubReplyMessageVariableHeader header = pubReply(message);
          return new PubackPacket(header.messageId(), reasonCode(header.reasonCode()),
              reasonProperties(header.properties()));
        }
        case PUBREC: {
          MqttPubReplyMessageVariableHeader header = pubReply(message);
          return new PubrecPacket(header.messageId(), reasonCode(header.reasonCode()),
              reasonProperties(header.properties()));
        }
        case PUBREL: {
          MqttPubReplyMessageVariableHeader header = pubReply(message);
          return new PubrelPacket(header.messageId(), reasonCode(header.reasonCode()),
              reasonProperties(header.properties()));
        }
        case PUBCOMP: {
          MqttPubReplyMessageVariableHeader header = pubReply(message);
          return new PubcompPacket(header.messageId(), reasonCode(header.reasonCode()),
              reasonProperties(header.properties()));
        }
        case SUBSCRIBE:
          return subscribe((MqttSubscribeMessage) message);
        case SUBACK: {
          MqttSubAckMessage suback = (MqttSubAckMessage) message;
          List<MqttReasonCode> codes = new ArrayList<>();
          for (int code : suback.payload().reasonCodes()) {
            codes.add(MqttReasonCode.fromValue(code));
          }
          MqttMessageIdAndPropertiesVariableHeader header = suback.idAndPropertiesVariableHeader();
          return new SubackPacket(header.messageId(), codes,
              reasonProperties(header.properties()));
        }
        case UNSUBSCRIBE: {
          MqttUnsubscribeMessage unsubscribe = (MqttUnsubscribeMessage) message;
          MqttMessageIdAndPropertiesVariableHeader header =
              unsubscribe.idAndPropertiesVariableHeader();
          return new UnsubscribePacket(header.messageId(), unsubscribe.payload().topics(),
              userProperties(header.properties()));
        }
        case UNSUBACK: {
          MqttUnsubAckMessage unsuback = (MqttUnsubAckMessage) message;
          List<MqttReasonCode> codes = new ArrayList<>();
          if (unsuback.payload() != null) {
            for (short code : unsuback.payload().unsubscribeReasonCodes()) {
              codes.add(MqttReasonCode.fromValue(code));
            }
          }
          MqttMessageIdAndPropertiesVariableHeader header = unsuback.idAndPropertiesVariableHeader();
          return new UnsubackPacket(header.messageId(), codes,
              reasonProperties(header.properties()));
        }
        case PINGREQ:
          return PingreqPacket.INSTANCE;
        case PINGRESP:
          return PingrespPacket.INSTANCE;
        case DISCONNECT: {
          if (!(message.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader)) {
            return DisconnectPacket.NORMAL;
          }
          MqttReasonCodeAndPropertiesVariableHeader header =
              (MqttReasonCodeAndPropertiesVariableHeader) message.variableHeader();
          MqttProperties properties = header.properties();
          Long expiry = unsigned(properties, MqttProperties.SESSION_EXPIRY_INTERVAL);
          return new DisconnectPacket(reasonCode(header.reasonCode()), new DisconnectProperties(
              expiry == null ? -1 : expiry, string(properties, MqttProperties.REASON_STRING),
              userProperties(properties), string(properties, MqttProperties.SERVER_REFERENCE)));
        }
        case AUTH: {
          MqttReasonCodeAndPropertiesVariableHeader header =
              (MqttReasonCodeAndPropertiesVariableHeader) message.variableHeader();
          MqttProperties properties = header.properties();
          return new AuthPacket(reasonCode(header.reasonCode()), new AuthProperties(
              string(properties, MqttProperties.AUTHENTICATION_METHOD),
              binary(properties, MqttProperties.AUTHENTICATION_DATA),
              string(properties, MqttProperties.REASON_STRING), userProperties(properties)));
        }
        default:
          throw new IllegalArgumentException(message.toString());
      }
    }

    private ConnectPacket connect(MqttConnectMessage connect) {
      MqttProperties properties = connect.variableHeader().properties();
      WillMessage will = null;
      if (connect.variableHeader().isWillFlag()) {
        MqttProperties willProperties = connect.payload().willProperties();
        MqttMessage message = message(connect.payload().willTopic(),
            connect.payload().willMessageInBytes(), connect.variableHeader().willQos(),
            connect.variableHeader().isWillRetain(), willProperties);
        Long delay = unsigned(willProperties, MqttProperties.WILL_DELAY_INTERVAL);
        will = new WillMessage(message, delay == null ? 0 : delay);
      }
      Long receiveMaximum = unsigned(properties, MqttProperties.RECEIVE_MAXIMUM);
      Long requestProblem = unsigned(properties, MqttProperties.REQUEST_PROBLEM_INFORMATION);
      ConnectProperties ours = version.isMqtt5()
          ? new ConnectProperties(
              orElse(unsigned(properties, MqttProperties.SESSION_EXPIRY_INTERVAL), 0),
              (int) orElse(receiveMaximum, 65_535),
              orElse(unsigned(properties, MqttProperties.MAXIMUM_PACKET_SIZE), 0),
              (int) orElse(unsigned(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM), 0),
              orElse(unsigned(properties, MqttProperties.REQUEST_RESPONSE_INFORMATION), 0) == 1,
              orElse(requestProblem, 1) == 1,
              userProperties(properties),
              string(properties, MqttProperties.AUTHENTICATION_METHOD),
              binary(properties, MqttProperties.AUTHENTICATION_DATA))
          : ConnectProperties.DEFAULTS;
      return new ConnectPacket(version, connect.payload().clientIdentifier(),
          connect.variableHeader().isCleanSession(),
          connect.variableHeader().keepAliveTimeSeconds(),
          connect.variableHeader().hasUserName() ? connect.payload().userName() : null,
          connect.variableHeader().hasPassword() ? connect.payload().passwordInBytes() : null,
          will, ours);
    }

    private PublishPacket publish(MqttPublishMessage publish) {
      MqttPublishVariableHeader header = publish.variableHeader();
      MqttProperties properties = header.properties();
      int alias = (int) orElse(unsigned(properties, MqttProperties.TOPIC_ALIAS), 0);
      String topic = header.topicName();
      boolean aliasOnly = topic.isEmpty();
      if (aliasOnly) {
        topic = aliases.get(alias);
      } else if (alias != 0) {
        aliases.put(alias, topic);
      }
      byte[] payload = ByteBufUtil.getBytes(publish.payload());
      MqttFixedHeader fixed = publish.fixedHeader();
      List<Integer> subscriptionIdentifiers = new ArrayList<>();
      for (MqttProperties.MqttProperty<?> identifier
          : properties.getProperties(MqttProperties.SUBSCRIPTION_IDENTIFIER)) {
        subscriptionIdentifiers.add((Integer) identifier.value());
      }
      return new PublishPacket(
          message(topic, payload, fixed.qosLevel().value(), fixed.isRetain(), properties),
          Math.max(header.packetId(), 0), fixed.isDup(), alias, aliasOnly,
          subscriptionIdentifiers);
    }

    private SubscribePacket subscribe(MqttSubscribeMessage subscribe) {
      List<MqttSubscription> subscriptions = new ArrayList<>();
      for (MqttTopicSubscription subscription : subscribe.payload().topicSubscriptions()) {
        MqttSubscriptionOption option = subscription.option();
        subscriptions.add(new MqttSubscription(subscription.topicFilter(),
            MqttQos.of(option.qos().value()), option.isNoLocal(), option.isRetainAsPublished(),
            MqttRetainHandling.of(option.retainHandling().value())));
      }
      MqttProperties properties = subscribe.idAndPropertiesVariableHeader().properties();
      return new SubscribePacket(subscribe.idAndPropertiesVariableHeader().messageId(),
          subscriptions,
          (int) orElse(unsigned(properties, MqttProperties.SUBSCRIPTION_IDENTIFIER), 0),
          userProperties(properties));
    }

    private ConnackProperties connackProperties(MqttProperties properties) {
      if (!version.isMqtt5()) {
        return ConnackProperties.DEFAULTS;
      }
      return new ConnackProperties(
          orElse(unsigned(properties, MqttProperties.SESSION_EXPIRY_INTERVAL), -1),
          (int) orElse(unsigned(properties, MqttProperties.RECEIVE_MAXIMUM), 65_535),
          MqttQos.of((int) orElse(unsigned(properties, MqttProperties.MAXIMUM_QOS), 2)),
          orElse(unsigned(properties, MqttProperties.RETAIN_AVAILABLE), 1) == 1,
          orElse(unsigned(properties, MqttProperties.MAXIMUM_PACKET_SIZE), 0),
          string(properties, MqttProperties.ASSIGNED_CLIENT_IDENTIFIER),
          (int) orElse(unsigned(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM), 0),
          string(properties, MqttProperties.REASON_STRING),
          userProperties(properties),
          orElse(unsigned(properties, MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE), 1) == 1,
          orElse(unsigned(properties, MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE), 1) == 1,
          orElse(unsigned(properties, MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE), 1) == 1,
          (int) orElse(unsigned(properties, MqttProperties.SERVER_KEEP_ALIVE), -1),
          string(properties, MqttProperties.RESPONSE_INFORMATION),
          string(properties, MqttProperties.SERVER_REFERENCE),
          string(properties, MqttProperties.AUTHENTICATION_METHOD),
          binary(properties, MqttProperties.AUTHENTICATION_DATA));
    }

    private MqttMessage message(String topic, byte[] payload, int qos, boolean retain,
        MqttProperties properties) {
      MqttMessage.Builder builder = MqttMessage.builder(topic).payload(payload).qos(qos)
          .retain(retain);
      if (!version.isMqtt5()) {
        return builder.build();
      }
      Long expiry = unsigned(properties, MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
      if (expiry != null) {
        builder.messageExpiryInterval(expiry);
      }
      return builder
          .payloadUtf8(orElse(unsigned(properties, MqttProperties.PAYLOAD_FORMAT_INDICATOR), 0) == 1)
          .contentType(string(properties, MqttProperties.CONTENT_TYPE))
          .responseTopic(string(properties, MqttProperties.RESPONSE_TOPIC))
          .correlationData(binary(properties, MqttProperties.CORRELATION_DATA))
          .userProperties(userProperties(properties))
          .build();
    }

    private MqttReasonCode reasonCode(byte code) {
      return version.isMqtt5() ? MqttReasonCode.fromValue(code & 0xFF) : MqttReasonCode.SUCCESS;
    }

    private ReasonProperties reasonProperties(MqttProperties properties) {
      if (!version.isMqtt5()) {
        return ReasonProperties.NONE;
      }
      return new ReasonProperties(string(properties, MqttProperties.REASON_STRING),
          userProperties(properties));
    }

    private static MqttPubReplyMessageVariableHeader pubReply(
        io.netty.handler.codec.mqtt.MqttMessage message) {
      return (MqttPubReplyMessageVariableHeader) message.variableHeader();
    }

    private static List<MqttUserProperty> userProperties(MqttProperties properties) {
      List<MqttUserProperty> users = new ArrayList<>();
      for (MqttProperties.MqttProperty<?> property
          : properties.getProperties(MqttProperties.USER_PROPERTY)) {
        MqttProperties.StringPair pair = (MqttProperties.StringPair) property.value();
        users.add(new MqttUserProperty(pair.key, pair.value));
      }
      return users;
    }

    private static Long unsigned(MqttProperties properties, int id) {
      MqttProperties.MqttProperty<?> property = properties.getProperty(id);
      return property == null ? null : ((Integer) property.value()) & 0xFFFF_FFFFL;
    }

    private static long orElse(Long value, long absent) {
      return value == null ? absent : value;
    }

    private static String string(MqttProperties properties, int id) {
      MqttProperties.MqttProperty<?> property = properties.getProperty(id);
      return property == null ? null : (String) property.value();
    }

    private static byte[] binary(MqttProperties properties, int id) {
      MqttProperties.MqttProperty<?> property = properties.getProperty(id);
      return property == null ? null : (byte[]) property.value();
    }
  }
}
