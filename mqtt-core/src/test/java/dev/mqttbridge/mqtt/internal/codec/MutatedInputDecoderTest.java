package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Valid packets with bytes flipped, inserted, dropped or cut off: the decoder either decodes
 * something or raises {@link MqttDecodeException}; never another exception, and it always
 * restores the writer index. A cheap, deterministic complement to the fuzz tests.
 */
class MutatedInputDecoderTest extends CodecVectorTest {

  private static final int MUTATIONS_PER_PACKET = 400;

  /** Client-to-server packets of every kind, MQTT 5 form (3.x decoders see them as noise). */
  private static final List<byte[]> FROM_CLIENT = List.of(
      bytes(0x3B, 0x29, 0x00, 0x01, 't', 0x00, 0x01, 0x21, 0x01, 0x01, 0x02, 0x00, 0x00, 0x00,
          0x3C, 0x03, 0x00, 0x04, 't', 'e', 'x', 't', 0x08, 0x00, 0x01, 'r', 0x09, 0x00, 0x02,
          0xCA, 0xFE, 0x23, 0x00, 0x05, 0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', 'h', 'i'),
      bytes(0x32, 0x0C, 0x00, 0x03, 'a', '/', 'b', 0x00, 0x01, 'h', 'e', 'l', 'l', 'o'),
      bytes(0x82, 0x1F, 0x00, 0x0A, 0x09, 0x0B, 0x05, 0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v',
          0x00, 0x03, 'a', '/', 'b', 0x2D, 0x00, 0x0A, '$', 's', 'h', 'a', 'r', 'e', '/', 'g',
          '/', 'x', 0x10),
      bytes(0xA2, 0x0A, 0x00, 0x0B, 0x00, 0x01, 'x', 0x00, 0x03, 'a', '/', '+'),
      bytes(0x50, 0x0A, 0x00, 0x07, 0x80, 0x06, 0x1F, 0x00, 0x03, 'b', 'a', 'd'),
      bytes(0xE0, 0x07, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x00),
      bytes(0xF0, 0x0E, 0x18, 0x0C, 0x15, 0x00, 0x04, 'S', 'C', 'R', 'M', 0x16, 0x00, 0x02, 0x01,
          0x02));

  private static final List<byte[]> FROM_SERVER = List.of(
      bytes(0x20, 0x41, 0x01, 0x00, 0x3E, 0x11, 0x00, 0x00, 0x00, 0x3C, 0x21, 0x00, 0x14, 0x24,
          0x00, 0x25, 0x00, 0x27, 0x00, 0x00, 0x10, 0x00, 0x12, 0x00, 0x02, 'i', 'd', 0x22, 0x00,
          0x0A, 0x1F, 0x00, 0x02, 'o', 'k', 0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', 0x28, 0x00,
          0x29, 0x00, 0x2A, 0x00, 0x13, 0x00, 0x1E, 0x1A, 0x00, 0x01, 'x', 0x1C, 0x00, 0x01, 's',
          0x15, 0x00, 0x01, 'm', 0x16, 0x00, 0x01, 0x07),
      bytes(0x30, 0x0A, 0x00, 0x01, 't', 0x05, 0x0B, 0x01, 0x0B, 0x80, 0x01, 'p'),
      bytes(0x90, 0x0A, 0x00, 0x0A, 0x04, 0x1F, 0x00, 0x01, 'r', 0x02, 0x8F, 0xA2),
      bytes(0xB0, 0x05, 0x00, 0x0B, 0x00, 0x00, 0x11),
      bytes(0xE0, 0x0B, 0x9C, 0x09, 0x1F, 0x00, 0x02, 'b', 'y', 0x1C, 0x00, 0x01, 's'));

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void mutatedClientPackets_decodeOrFailWithADecodeException(MqttVersion version) {
    SplittableRandom random = new SplittableRandom(version.ordinal());
    for (byte[] original : FROM_CLIENT) {
      for (int i = 0; i < MUTATIONS_PER_PACKET; i++) {
        MqttPacketDecoder decoder = connectedServerDecoder(version);
        decoder.topicAliasMaximum(random.nextInt(3) * 5);
        feed(decoder, mutate(original, random));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void mutatedServerPackets_decodeOrFailWithADecodeException(MqttVersion version) {
    SplittableRandom random = new SplittableRandom(100 + version.ordinal());
    for (byte[] original : FROM_SERVER) {
      for (int i = 0; i < MUTATIONS_PER_PACKET; i++) {
        MqttPacketDecoder decoder = MqttPacketDecoder.forClient(version, 1024);
        feed(decoder, mutate(original, random));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void mutatedConnects_decodeOrFailWithADecodeException(MqttVersion version) {
    SplittableRandom random = new SplittableRandom(200 + version.ordinal());
    byte[] connect = bytes(0x10, 0x69, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0xCC, 0x00, 0x1E,
        0x27, 0x11, 0x00, 0x00, 0x0E, 0x10, 0x21, 0x00, 0x0A, 0x27, 0x00, 0x01, 0x00, 0x00, 0x22,
        0x00, 0x05, 0x19, 0x01, 0x17, 0x00, 0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', 0x15, 0x00,
        0x04, 'S', 'C', 'R', 'M', 0x16, 0x00, 0x02, 0x01, 0x02, 0x00, 0x02, 'i', 'd', 0x20, 0x18,
        0x00, 0x00, 0x00, 0x05, 0x01, 0x01, 0x02, 0x00, 0x00, 0x00, 0x0A, 0x03, 0x00, 0x01, 'j',
        0x08, 0x00, 0x02, 'r', 't', 0x09, 0x00, 0x01, 0x07, 0x26, 0x00, 0x01, 'a', 0x00, 0x01,
        'b', 0x00, 0x01, 'w', 0x00, 0x02, 'o', 'k', 0x00, 0x04, 'u', 's', 'e', 'r', 0x00, 0x03,
        0x00, 0xFF, 0x10);
    connect[8] = (byte) version.protocolLevel();
    for (int i = 0; i < 3 * MUTATIONS_PER_PACKET; i++) {
      feed(MqttPacketDecoder.forServer(1024), mutate(connect, random));
    }
  }

  /** Decodes until the bytes run out or a packet is incomplete; only decode errors may escape. */
  private static void feed(MqttPacketDecoder decoder, byte[] wire) {
    ByteBuf in = buffer(wire);
    int writerIndex = in.writerIndex();
    try {
      MqttPacket packet;
      do {
        packet = decoder.decode(in);
      } while (packet != null && in.isReadable());
    } catch (MqttDecodeException expected) {
      assertThat(expected.reasonCode().isError()).isTrue();
    } catch (RuntimeException e) {
      fail("Decoding " + ByteBufUtil.hexDump(wire) + " threw " + e, e);
    } finally {
      assertThat(in.writerIndex()).isEqualTo(writerIndex);
      in.release();
    }
  }

  private static byte[] mutate(byte[] original, SplittableRandom random) {
    byte[] bytes = original.clone();
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(4)) {
        case 0: // flip some bits
          bytes[at] ^= (byte) (1 << random.nextInt(8));
          break;
        case 1: // a random byte
          bytes[at] = (byte) random.nextInt(256);
          break;
        case 2: // cut off
          bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at));
          break;
        default: // drop one byte
          byte[] shorter = new byte[Math.max(1, bytes.length - 1)];
          System.arraycopy(bytes, 0, shorter, 0, at);
          System.arraycopy(bytes, Math.min(at + 1, bytes.length), shorter, at,
              Math.max(0, bytes.length - at - 1));
          bytes = shorter;
          break;
      }
    }
    return bytes;
  }
}
