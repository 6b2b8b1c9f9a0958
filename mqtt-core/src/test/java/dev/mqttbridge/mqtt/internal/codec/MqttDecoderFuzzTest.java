package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Jazzer fuzz targets for the decoders. Without {@code JAZZER_FUZZ} each target runs the committed
 * seeds under {@code MqttDecoderFuzzTestInputs/<target>/} as regression tests; the {@code fuzz}
 * profile in this module's pom fuzzes each target for {@code fuzz.duration}.
 *
 * <p>Input layout, shared by every target so seeds carry over: byte 0 selects the set-up (bits 0-1:
 * for the server decoder, no opening or a canned CONNECT of 3.1, 3.1.1 or 5; bits 2-3: heap, direct
 * or composite input buffer; bits 4-6: role and version of the decode-encode-decode target), byte 1
 * seeds the chunking (0: all at once), the rest is the byte stream.
 *
 * <p>Every target fails on any exception but {@link MqttDecodeException} (whose reason code must
 * be an error), on a packet longer than the maximum packet size, on a buffer the decoder asks its
 * input's allocator for that is larger than that maximum or is never released, on heap allocation
 * in one decode call beyond {@link #ALLOCATION_BUDGET}, and on the decoder retaining or releasing
 * its input.
 */
class MqttDecoderFuzzTest {

  /** Small, so that a length field past it is cheap to reach. */
  static final int MAXIMUM_PACKET_SIZE = 4_096;

  /**
   * Heap bytes one decode call may allocate. Legitimate decoding of a 4 KiB packet stays far below
   * (a thousand empty user properties come to some 200 KiB); allocating from a length field before
   * checking it against the maximum packet size goes far above.
   */
  static final long ALLOCATION_BUDGET = 1 << 20;

  static final int TOPIC_ALIAS_MAXIMUM = 10;

  // CONNECTs with an empty (3.1: one character) client identifier and keep alive 60.
  private static final byte[][] OPENINGS = {
      {},
      {0x10, 0x0F, 0, 6, 'M', 'Q', 'I', 's', 'd', 'p', 3, 0x02, 0, 60, 0, 1, 'c'},
      {0x10, 0x0C, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 0},
      {0x10, 0x0D, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60, 0, 0, 0},
  };

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

  @FuzzTest
  void serverDecoder(byte[] data) {
    Input input = Input.of(data);
    MqttPacketDecoder decoder = MqttPacketDecoder.forServer(MAXIMUM_PACKET_SIZE);
    decoder.topicAliasMaximum(TOPIC_ALIAS_MAXIMUM);
    feed(decoder, input.withOpening(), input, packet -> { });
  }

  @FuzzTest
  void clientDecoder311(byte[] data) {
    clientDecoder(MqttVersion.V3_1_1, data);
  }

  @FuzzTest
  void clientDecoder5(byte[] data) {
    clientDecoder(MqttVersion.V5, data);
  }

  /**
   * Whatever the decoder accepts, the encoder writes so that the decoder reads it back as the same
   * packet, in exactly {@code encodedSize} bytes.
   */
  @FuzzTest
  void decodeEncodeDecode(byte[] data) {
    Input input = Input.of(data);
    int role = (input.mode >> 4) & 7;
    boolean server = role < 4;
    MqttVersion clientVersion = MqttVersion.values()[Math.max(0, Math.min(role - 4, 2))];
    MqttPacketDecoder first = server ? MqttPacketDecoder.forServer(MAXIMUM_PACKET_SIZE)
        : MqttPacketDecoder.forClient(clientVersion, MAXIMUM_PACKET_SIZE);
    // The second decoder sees the re-encoded stream; its limit is the default because an encoder
    // may legitimately write a longer form than the one it was given.
    MqttPacketDecoder second = server
        ? MqttPacketDecoder.forServer(MqttPacketDecoder.DEFAULT_MAXIMUM_PACKET_SIZE)
        : MqttPacketDecoder.forClient(clientVersion, MqttPacketDecoder.DEFAULT_MAXIMUM_PACKET_SIZE);
    first.topicAliasMaximum(TOPIC_ALIAS_MAXIMUM);
    second.topicAliasMaximum(TOPIC_ALIAS_MAXIMUM);
    byte[] stream = server ? input.withOpening() : input.stream;
    feed(first, stream, input, packet -> {
      MqttPacketEncoder encoder = new MqttPacketEncoder(first.version());
      ByteBuf encoded = encoder.encode(packet, CodecRoundTripTest.ALLOCATOR);
      try {
        assertThat(encoded.readableBytes()).as("encodedSize of %s", packet)
            .isEqualTo(encoder.encodedSize(packet));
        assertThat(second.decode(encoded)).as("re-decoded").isEqualTo(packet);
        assertThat(encoded.isReadable()).as("bytes left after re-decoding %s", packet).isFalse();
      } finally {
        encoded.release();
      }
    });
  }

  private static void clientDecoder(MqttVersion version, byte[] data) {
    Input input = Input.of(data);
    MqttPacketDecoder decoder = MqttPacketDecoder.forClient(version, MAXIMUM_PACKET_SIZE);
    decoder.topicAliasMaximum(TOPIC_ALIAS_MAXIMUM);
    feed(decoder, input.stream, input, packet -> { });
  }

  /**
   * Feeds the stream in chunks through a cumulation buffer of the input's kind, checking every
   * decode call, until the bytes run out or the decoder rejects them.
   */
  private static void feed(MqttPacketDecoder decoder, byte[] stream, Input input,
      Consumer<MqttPacket> check) {
    LimitedAllocator allocator = new LimitedAllocator(MAXIMUM_PACKET_SIZE);
    ByteBuf cumulation = input.newCumulation(allocator);
    Random chunks = new Random(input.chunkSeed);
    try {
      int offset = 0;
      feeding:
      while (offset < stream.length) {
        int chunk = input.chunkSeed == 0 ? stream.length
            : Math.min(stream.length - offset, 1 + chunks.nextInt(64));
        append(cumulation, Arrays.copyOfRange(stream, offset, offset + chunk));
        offset += chunk;
        while (true) {
          int start = cumulation.readerIndex();
          long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
          long classesBefore = CLASSES.getTotalLoadedClassCount();
          MqttPacket packet = null;
          MqttDecodeException rejected = null;
          try {
            packet = decoder.decode(cumulation);
          } catch (MqttDecodeException e) {
            rejected = e;
          }
          // A class loaded (and instrumented) on the way allocates on our account: skip that call.
          if (CLASSES.getTotalLoadedClassCount() == classesBefore) {
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore)
                .as("heap bytes allocated by one decode call")
                .isLessThanOrEqualTo(ALLOCATION_BUDGET);
          }
          allocator.assertWithinLimit();
          assertThat(cumulation.refCnt()).as("input reference count").isEqualTo(1);
          if (rejected != null) {
            // The decoder turns an unexpected IndexOutOfBounds or IllegalArgument into a decode
            // error so a peer cannot crash it; here that is a bug found, not a packet refused.
            Throwable cause = rejected.getCause();
            if (cause != null && !(cause instanceof InvalidTopicException)) {
              throw new AssertionError("Decoder bug behind " + rejected, cause);
            }
            assertThat(rejected.reasonCode()).as("reason code of %s", rejected).isNotNull();
            assertThat(rejected.reasonCode().isError()).as("%s is an error", rejected.reasonCode())
                .isTrue();
            break feeding; // the connection closes here
          }
          if (packet == null) {
            break;
          }
          int consumed = cumulation.readerIndex() - start;
          assertThat(consumed).as("bytes consumed by %s", packet).isPositive()
              .isLessThanOrEqualTo(MAXIMUM_PACKET_SIZE);
          check.accept(packet);
        }
        discardReadBytes(cumulation);
      }
    } finally {
      cumulation.release();
    }
    allocator.assertAllReleased();
  }

  private static void append(ByteBuf cumulation, byte[] chunk) {
    if (cumulation instanceof CompositeByteBuf composite) {
      composite.addComponent(true, Unpooled.wrappedBuffer(chunk));
    } else {
      cumulation.writeBytes(chunk);
    }
  }

  private static void discardReadBytes(ByteBuf cumulation) {
    if (cumulation instanceof CompositeByteBuf composite) {
      composite.discardReadComponents();
    } else {
      cumulation.discardReadBytes();
    }
  }

  /** A fuzz input split into its set-up bytes and the stream. */
  private record Input(int mode, int chunkSeed, byte[] stream) {

    static Input of(byte[] data) {
      return new Input(data.length > 0 ? data[0] & 0xFF : 0, data.length > 1 ? data[1] & 0xFF : 0,
          data.length > 2 ? Arrays.copyOfRange(data, 2, data.length) : new byte[0]);
    }

    /** The stream behind the canned CONNECT that bits 0-1 select, if any. */
    byte[] withOpening() {
      byte[] opening = OPENINGS[mode & 3];
      byte[] all = Arrays.copyOf(opening, opening.length + stream.length);
      System.arraycopy(stream, 0, all, opening.length, stream.length);
      return all;
    }

    /** Heap, direct or composite, each reporting the limited allocator as its alloc(). */
    ByteBuf newCumulation(LimitedAllocator allocator) {
      switch ((mode >> 2) & 3) {
        case 1:
          return new UnpooledDirectByteBuf(allocator, 256, Integer.MAX_VALUE);
        case 2:
          // No consolidation: that would allocate on our account, not the decoder's.
          return new CompositeByteBuf(allocator, false, Integer.MAX_VALUE);
        default:
          return new UnpooledHeapByteBuf(allocator, 256, Integer.MAX_VALUE);
      }
    }
  }

  /**
   * The allocator a decoder reaches through {@code in.alloc()}: remembers every buffer it hands
   * out and fails on any larger than the maximum packet size.
   */
  static final class LimitedAllocator extends AbstractByteBufAllocator {
    private final int limit;
    private final List<ByteBuf> allocated = new ArrayList<>();

    LimitedAllocator(int limit) {
      super(false);
      this.limit = limit;
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      return track(initialCapacity, new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      return track(initialCapacity, new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }

    private ByteBuf track(int initialCapacity, ByteBuf buffer) {
      allocated.add(buffer);
      assertThat(initialCapacity).as("buffer requested from the input's allocator")
          .isLessThanOrEqualTo(limit);
      return buffer;
    }

    void assertWithinLimit() {
      for (ByteBuf buffer : allocated) {
        if (buffer.refCnt() > 0) {
          assertThat(buffer.capacity()).as("capacity a decoder buffer grew to")
              .isLessThanOrEqualTo(limit);
        }
      }
    }

    void assertAllReleased() {
      for (ByteBuf buffer : allocated) {
        assertThat(buffer.refCnt()).as("reference count of a buffer the decoder allocated")
            .isZero();
      }
    }
  }
}
