package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.codec.RandomPackets.Direction;
import dev.mqttbridge.mqtt.internal.packet.AuthPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests of the codec on random valid packets ({@link RandomPackets}): for every version
 * and direction, what the encoder writes the decoder reads back as the same packet, whether it
 * arrives whole, concatenated with others or cut into random chunks.
 */
class CodecRoundTripTest {

  /** Streams per version and direction; with {@link #STREAM_LENGTH}, 4,000 packets each. */
  private static final int STREAMS = 100;
  private static final int STREAM_LENGTH = 40;

  /**
   * Direct buffers without the leak detector's wrapper: at PARANOID it records a stack trace on
   * every access, which makes byte-by-byte decoding a hundred times slower. Every buffer here is
   * checked by its reference count instead.
   */
  static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(true, true);

  private final ByteBufAllocator allocator = ALLOCATOR;

  static Stream<Arguments> versionsAndDirections() {
    List<Arguments> arguments = new ArrayList<>();
    for (MqttVersion version : MqttVersion.values()) {
      for (Direction direction : Direction.values()) {
        arguments.add(Arguments.of(version, direction));
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("versionsAndDirections")
  void randomPackets_encodedThenDecoded_equalTheOriginals(MqttVersion version, Direction direction) {
    for (int stream = 0; stream < STREAMS; stream++) {
      long seed = seed(version, direction, stream);
      List<MqttPacket> packets = new RandomPackets(seed, version, direction).stream(STREAM_LENGTH);
      MqttPacketEncoder encoder = new MqttPacketEncoder(version);
      MqttPacketDecoder decoder = decoder(version, direction);
      for (MqttPacket packet : packets) {
        ByteBuf encoded = encoder.encode(packet, allocator);
        try {
          // Described lazily: some packets print to megabytes.
          Supplier<String> context = () -> "seed " + seed + ", " + packet;
          assertThat(encoded.readableBytes()).as(() -> "encodedSize, " + context.get())
              .isEqualTo(encoder.encodedSize(packet));
          assertThat(remainingLengthField(encoded))
              .as(() -> "remaining length field, " + context.get())
              .isEqualTo(encoded.readableBytes() - fixedHeaderLength(encoded));
          MqttPacket decoded = decoder.decode(encoded);
          assertThat(decoded).as(context).isEqualTo(packet);
          assertThat(encoded.isReadable()).as(() -> "bytes left, " + context.get()).isFalse();
          assertThat(encoded.refCnt()).as("the decoder retained its input").isEqualTo(1);
        } finally {
          assertThat(encoded.release()).isTrue();
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("versionsAndDirections")
  void concatenatedPackets_decodedFromOneBuffer_comeOutInOrder(
      MqttVersion version, Direction direction) {
    for (int stream = 0; stream < STREAMS / 4; stream++) {
      long seed = seed(version, direction, stream) ^ 0x5EED;
      List<MqttPacket> packets = new RandomPackets(seed, version, direction).stream(STREAM_LENGTH);
      ByteBuf all = encodeAll(version, packets);
      try {
        MqttPacketDecoder decoder = decoder(version, direction);
        List<MqttPacket> decoded = new ArrayList<>();
        MqttPacket packet;
        while ((packet = decoder.decode(all)) != null) {
          decoded.add(packet);
        }
        assertThat(decoded).as("seed %d", seed).containsExactlyElementsOf(packets);
        assertThat(all.isReadable()).isFalse();
      } finally {
        assertThat(all.release()).isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("versionsAndDirections")
  void concatenatedPackets_fedInRandomChunks_decodeAsWhenFedWhole(
      MqttVersion version, Direction direction) {
    for (int stream = 0; stream < STREAMS / 2; stream++) {
      long seed = seed(version, direction, stream) ^ 0xC0FFEE;
      List<MqttPacket> packets = new RandomPackets(seed, version, direction).stream(STREAM_LENGTH);
      ByteBuf all = encodeAll(version, packets);
      try {
        List<MqttPacket> decoded = decodeInChunks(decoder(version, direction), all,
            new Random(seed));
        assertThat(decoded).as("seed %d", seed).containsExactlyElementsOf(packets);
      } finally {
        assertThat(all.release()).isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("versionsAndDirections")
  void mqtt5Packets_throughA3xCodec_arriveAsWhat3xCanCarry(
      MqttVersion version, Direction direction) {
    if (version.isMqtt5()) {
      return;
    }
    for (int stream = 0; stream < STREAMS / 4; stream++) {
      long seed = seed(version, direction, stream) ^ 0x3A3A;
      // The stream opens as a 3.x one; then MQTT 5 packets, rich in properties, follow.
      RandomPackets opening = new RandomPackets(seed, version, direction);
      RandomPackets rich = new RandomPackets(seed, MqttVersion.V5, direction);
      MqttPacketEncoder encoder = new MqttPacketEncoder(version);
      MqttPacketDecoder decoder = decoder(version, direction);
      List<MqttPacket> packets = new ArrayList<>(opening.stream(1));
      while (packets.size() < STREAM_LENGTH) {
        MqttPacket packet = rich.next();
        if (expressibleIn3x(packet, direction)) {
          packets.add(packet);
        }
      }
      for (MqttPacket packet : packets) {
        ByteBuf encoded = encoder.encode(packet, allocator);
        try {
          assertThat(encoded.readableBytes()).isEqualTo(encoder.encodedSize(packet));
          assertThat(decoder.decode(encoded)).as(() -> "seed " + seed + ", " + packet)
              .isEqualTo(RandomPackets.projectTo(version, packet));
        } finally {
          encoded.release();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void publishOnRemainingLengthEdges_writesTheShortestLengthField(MqttVersion version) {
    int[] edges = {127, 128, 16_383, 16_384, 2_097_151, 2_097_152};
    int[] fieldBytes = {1, 2, 2, 3, 3, 4};
    MqttPacketEncoder encoder = new MqttPacketEncoder(version);
    for (int i = 0; i < edges.length; i++) {
      PublishPacket packet = RandomPackets.publishWithRemainingLength(version, edges[i]);
      ByteBuf encoded = encoder.encode(packet, allocator);
      try {
        assertThat(fixedHeaderLength(encoded)).as("length field of %d", edges[i])
            .isEqualTo(1 + fieldBytes[i]);
        assertThat(remainingLengthField(encoded)).isEqualTo(edges[i]);
        assertThat(encoded.readableBytes()).isEqualTo(1 + fieldBytes[i] + edges[i])
            .isEqualTo(encoder.encodedSize(packet));
        MqttPacketDecoder decoder = MqttPacketDecoder.forClient(version,
            MqttPacketDecoder.DEFAULT_MAXIMUM_PACKET_SIZE);
        assertThat(decoder.decode(encoded)).isEqualTo(packet);
      } finally {
        encoded.release();
      }
    }
  }

  /** 3.x has no AUTH, no server DISCONNECT, and only six CONNACK codes. */
  private static boolean expressibleIn3x(MqttPacket packet, Direction direction) {
    if (packet instanceof AuthPacket) {
      return false;
    }
    if (packet instanceof DisconnectPacket) {
      return direction == Direction.CLIENT_TO_SERVER;
    }
    if (packet instanceof ConnackPacket connack) {
      return RandomPackets.CONNACK_CODES_3.contains(connack.reasonCode());
    }
    return true;
  }

  /** A decoder as the receiving side has it; MQTT 5 receivers accept every topic alias. */
  static MqttPacketDecoder decoder(MqttVersion version, Direction direction) {
    MqttPacketDecoder decoder = direction == Direction.CLIENT_TO_SERVER
        ? MqttPacketDecoder.forServer(MqttPacketDecoder.DEFAULT_MAXIMUM_PACKET_SIZE)
        : MqttPacketDecoder.forClient(version, MqttPacketDecoder.DEFAULT_MAXIMUM_PACKET_SIZE);
    decoder.topicAliasMaximum(RandomPackets.TOPIC_ALIAS_MAXIMUM);
    return decoder;
  }

  private ByteBuf encodeAll(MqttVersion version, List<MqttPacket> packets) {
    MqttPacketEncoder encoder = new MqttPacketEncoder(version);
    ByteBuf all = allocator.heapBuffer();
    for (MqttPacket packet : packets) {
      ByteBuf encoded = encoder.encode(packet, allocator);
      all.writeBytes(encoded);
      encoded.release();
    }
    return all;
  }

  /**
   * Feeds the bytes as a network would: chunks of 1 byte to 64 KiB, appended to a cumulation
   * buffer that is drained after each chunk, as a ByteToMessageDecoder does.
   */
  static List<MqttPacket> decodeInChunks(MqttPacketDecoder decoder, ByteBuf bytes, Random random) {
    List<MqttPacket> decoded = new ArrayList<>();
    ByteBuf cumulation = new UnpooledByteBufAllocator(false, true).heapBuffer();
    try {
      while (bytes.isReadable()) {
        int roll = random.nextInt(10);
        int limit = roll < 5 ? 8 : roll < 9 ? 1_000 : 65_536;
        int chunk = Math.min(bytes.readableBytes(), 1 + random.nextInt(limit));
        cumulation.writeBytes(bytes, chunk);
        MqttPacket packet;
        while ((packet = decoder.decode(cumulation)) != null) {
          decoded.add(packet);
        }
        cumulation.discardReadBytes();
      }
      assertThat(cumulation.isReadable()).as("undecoded bytes at the end").isFalse();
    } finally {
      cumulation.release();
    }
    return decoded;
  }

  /** The remaining length written in the fixed header, read independently of the decoder. */
  static int remainingLengthField(ByteBuf packet) {
    int value = 0;
    for (int i = 1; i <= 4; i++) {
      int digit = packet.getUnsignedByte(packet.readerIndex() + i);
      value |= (digit & 0x7F) << (7 * (i - 1));
      if ((digit & 0x80) == 0) {
        return value;
      }
    }
    throw new AssertionError("remaining length longer than four bytes");
  }

  static int fixedHeaderLength(ByteBuf packet) {
    int i = 1;
    while ((packet.getUnsignedByte(packet.readerIndex() + i) & 0x80) != 0) {
      i++;
    }
    return i + 1;
  }

  private static long seed(MqttVersion version, Direction direction, int stream) {
    return version.ordinal() * 1_000_003L + direction.ordinal() * 10_007L + stream;
  }
}
