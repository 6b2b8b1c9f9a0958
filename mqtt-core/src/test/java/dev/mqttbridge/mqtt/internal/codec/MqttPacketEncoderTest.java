package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacketType;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The encoder: one allocation of the exact size, and the packets it refuses to write. */
class MqttPacketEncoderTest extends CodecVectorTest {

  /** Records every allocation: its initial and maximum capacity. */
  private static final class CountingAllocator extends AbstractByteBufAllocator {
    final List<int[]> allocations = new ArrayList<>();

    CountingAllocator() {
      super(true);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      allocations.add(new int[] {initialCapacity, maxCapacity});
      return ALLOCATOR.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      allocations.add(new int[] {initialCapacity, maxCapacity});
      return ALLOCATOR.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }

  private static PublishPacket publishWithUnicode() {
    MqttMessage message = MqttMessage.builder("caf\u00E9/\u20AC/\uD83D\uDE00")
        .payload(ascii("payload"))
        .qos(1)
        .contentType("text/\u00FC")
        .userProperty("\u00E4", "\uD83D\uDE00")
        .build();
    return new PublishPacket(message, 42, false, 0, false, List.of());
  }

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void publishWithMultiByteCharacters_allocatesOnceAtExactlyItsSize(MqttVersion version) {
    CountingAllocator allocator = new CountingAllocator();
    MqttPacketEncoder encoder = new MqttPacketEncoder(version);
    PublishPacket packet = publishWithUnicode();

    ByteBuf out = encoder.encode(packet, allocator);
    try {
      assertThat(allocator.allocations).hasSize(1);
      assertThat(allocator.allocations.get(0)).containsExactly(out.readableBytes(),
          out.readableBytes());
      assertThat(encoder.encodedSize(packet)).isEqualTo(out.readableBytes());
      assertThat(decodeFromClient(version, io.netty.buffer.ByteBufUtil.getBytes(out)))
          .isEqualTo(version.isMqtt5() ? packet : PublishPacket.of(MqttMessage.builder(
              packet.message().topic()).payload(ascii("payload")).qos(1).build(), 42));
    } finally {
      out.release();
    }
  }

  @Test
  void publishQos0MarkedDuplicate_isWrittenWithoutDup() {
    PublishPacket packet = PublishPacket.of(MqttMessage.builder("t").build(), 0).asDuplicate();

    assertThat(encode(MqttVersion.V3_1_1, packet)).containsExactly(0x30, 0x03, 0x00, 0x01, 't');
  }

  @Test
  void userPropertyLongerThan65535Bytes_isRefusedWithoutAllocating() {
    CountingAllocator allocator = new CountingAllocator();
    MqttMessage message = MqttMessage.builder("t")
        .userProperty("k", "x".repeat(65_536))
        .build();
    PublishPacket packet = PublishPacket.of(message, 0);

    assertThatThrownBy(() -> new MqttPacketEncoder(MqttVersion.V5).encode(packet, allocator))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65535");
    assertThat(allocator.allocations).isEmpty();
  }

  @Test
  void reasonCodeNotAllowedForThePacket_v5_isRefusedWithoutAllocating() {
    CountingAllocator allocator = new CountingAllocator();
    PubackPacket packet = new PubackPacket(1, MqttReasonCode.PACKET_IDENTIFIER_NOT_FOUND,
        ReasonProperties.NONE);

    assertThatThrownBy(() -> new MqttPacketEncoder(MqttVersion.V5).encode(packet, allocator))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PUBACK");
    assertThat(allocator.allocations).isEmpty();
  }

  @Test
  void subackWithReasonCodeNotForSuback_isRefused() {
    SubackPacket packet = new SubackPacket(1, List.of(MqttReasonCode.NO_MATCHING_SUBSCRIBERS),
        ReasonProperties.NONE);

    assertThatThrownBy(() -> new MqttPacketEncoder(MqttVersion.V3_1_1).encodedSize(packet))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void passwordWithoutUserName_v311_isRefused() {
    ConnectPacket packet = new ConnectPacket(MqttVersion.V3_1_1, "c", true, 60, null,
        ascii("secret"), null, ConnectProperties.DEFAULTS);

    assertThatThrownBy(() -> new MqttPacketEncoder(MqttVersion.V3_1_1).encodedSize(packet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password");
  }

  @Test
  void connectOfAnotherVersion_isRefused() {
    ConnectPacket packet = new ConnectPacket(MqttVersion.V5, "c", true, 60, null, null, null,
        ConnectProperties.DEFAULTS);

    assertThatThrownBy(() -> new MqttPacketEncoder(MqttVersion.V3_1_1).encodedSize(packet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MQTT 5");
  }

  @Test
  void receiveMaximum0_v5_isRefused() {
    ConnectPacket packet = new ConnectPacket(MqttVersion.V5, "c", true, 60, null, null, null,
        new ConnectProperties(0, 0, 0, 0, false, true, List.of(), null, null));

    assertThatThrownBy(() -> new MqttPacketEncoder(MqttVersion.V5).encodedSize(packet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Receive Maximum");
  }

  @Test
  void packetLargerThanThePeerAccepts_isRefusedWithoutAllocating() {
    CountingAllocator allocator = new CountingAllocator();
    PublishPacket packet = PublishPacket.of(
        MqttMessage.builder("t").payload(new byte[100]).build(), 0);

    assertThatThrownBy(() -> new MqttPacketEncoder(MqttVersion.V5).encode(packet, allocator, 50))
        .isInstanceOfSatisfying(MqttPacketTooLargeException.class, e -> {
          assertThat(e.packetType()).isEqualTo(MqttPacketType.PUBLISH);
          assertThat(e.packetSize()).isEqualTo(106);
          assertThat(e.maximumPacketSize()).isEqualTo(50);
        });
    assertThat(allocator.allocations).isEmpty();
  }

  @Test
  void packetOfExactlyThePeersMaximum_isEncoded() {
    PublishPacket packet = PublishPacket.of(
        MqttMessage.builder("t").payload(new byte[100]).build(), 0);
    ByteBuf out = new MqttPacketEncoder(MqttVersion.V5).encode(packet, ALLOCATOR, 106);

    assertThat(out.readableBytes()).isEqualTo(106);
    out.release();
  }

  @Test
  void sharedEncoders_areOnePerVersion() {
    for (MqttVersion version : MqttVersion.values()) {
      assertThat(MqttPacketEncoder.of(version).version()).isEqualTo(version);
      assertThat(MqttPacketEncoder.of(version)).isSameAs(MqttPacketEncoder.of(version));
    }
  }

  @Test
  void disconnectWithEveryProperty_v5_measuresWhatItWrites() {
    DisconnectPacket packet = new DisconnectPacket(MqttReasonCode.SERVER_SHUTTING_DOWN,
        new dev.mqttbridge.mqtt.internal.packet.DisconnectProperties(30, "bye \u00E9",
            List.of(MqttUserProperty.of("a", "b")), "elsewhere"));

    byte[] wire = encode(MqttVersion.V5, packet);

    assertThat(decodeFromClient(MqttVersion.V5, wire)).isEqualTo(packet);
  }

  @Test
  void everyPacketTypeEncodesInEveryVersion_exceptAuthBefore5() {
    List<MqttPacket> packets = List.of(
        PubackPacket.of(1),
        new SubackPacket(1, List.of(MqttReasonCode.GRANTED_QOS_1), ReasonProperties.NONE),
        DisconnectPacket.NORMAL,
        PublishPacket.of(MqttMessage.builder("x").qos(MqttQos.EXACTLY_ONCE).build(), 7));
    for (MqttVersion version : MqttVersion.values()) {
      for (MqttPacket packet : packets) {
        assertThat(encode(version, packet)).isNotEmpty();
      }
    }
  }
}
