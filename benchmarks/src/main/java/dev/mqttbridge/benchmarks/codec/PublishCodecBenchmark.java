package dev.mqttbridge.benchmarks.codec;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.codec.MqttPacketDecoder;
import dev.mqttbridge.mqtt.internal.codec.MqttPacketEncoder;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding and encoding one PUBLISH (QoS 1, a 31-byte topic), ours against Netty's codec-mqtt in
 * the same run, on the same bytes. For MQTT 5 the PUBLISH carries a content type, a user property
 * and a message expiry interval.
 *
 * <p>Fairness: both codecs are called directly, with no pipeline around them, because an {@link
 * EmbeddedChannel}'s write path costs about 2 µs per message, more than either encoder, and would
 * hide the difference. Netty's codec is only meant to be reached through its handlers, so its
 * {@code MqttDecoder.decode(ctx, in, out)} and {@code MqttEncoder.doEncode(ctx, message)} are
 * called through method handles, with the context of a real channel: the calls its handlers make,
 * minus the handler plumbing. The input is one pooled direct buffer holding the encoded packet,
 * rewound for each operation, so no input copy is measured; encoders allocate from the channel's
 * pooled allocator, and their output is released in the operation. Netty's decoded PUBLISH holds a
 * retained slice of the input instead of a copy of the payload, which is its design (ours copies so
 * that packets hold no reference-counted memory); it is released in the operation, as its user
 * must. So {@code decodeNetty} does less than {@code decodeOurs}; {@code decodeNettyCopyingPayload}
 * adds the copy an application needs to get the payload as a {@code byte[]}, like ours does.
 *
 * <p>JMH runs the benchmark on a Netty {@code FastThreadLocalThread} ({@link
 * EventLoopThreadExecutor}), like a channel's event loop, where both codecs run in production.
 *
 * <p>Each operation also counts itself in {@link CpuTime}, which reports the benchmark thread's
 * CPU time per iteration: on a shared machine, where other processes take the cores and wall-clock
 * throughput swings by a factor of two between iterations, {@code cpuNanos / calls} is the stable
 * measure of what one operation costs.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar codec -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djmh.executor=CUSTOM",
    "-Djmh.executor.class=dev.mqttbridge.benchmarks.codec.EventLoopThreadExecutor"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PublishCodecBenchmark {

  /** Netty keeps the connection's version in this channel attribute (MqttCodecUtil). */
  private static final AttributeKey<io.netty.handler.codec.mqtt.MqttVersion> NETTY_VERSION =
      AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

  private static final String TOPIC = "plant/line-4/sensor/temperature";

  @Param({"3.1.1", "5"})
  String version;

  @Param({"16", "4096"})
  int payloadSize;

  private static final MethodHandle NETTY_DECODE;
  private static final MethodHandle NETTY_ENCODE;

  static {
    try {
      NETTY_DECODE = MethodHandles.privateLookupIn(MqttDecoder.class, MethodHandles.lookup())
          .findVirtual(MqttDecoder.class, "decode", MethodType.methodType(void.class,
              ChannelHandlerContext.class, ByteBuf.class, List.class));
      NETTY_ENCODE = MethodHandles.privateLookupIn(MqttEncoder.class, MethodHandles.lookup())
          .findStatic(MqttEncoder.class, "doEncode", MethodType.methodType(ByteBuf.class,
              ChannelHandlerContext.class, io.netty.handler.codec.mqtt.MqttMessage.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private PublishPacket ourPacket;
  private io.netty.handler.codec.mqtt.MqttMessage nettyMessage;
  private ByteBuf encoded;
  private int encodedSize;

  private MqttPacketDecoder ourDecoder;
  private MqttPacketEncoder ourEncoder;
  private ByteBufAllocator allocator;
  private MqttDecoder nettyDecoder;
  private EmbeddedChannel nettyDecoderChannel;
  private ChannelHandlerContext nettyDecoderContext;
  private EmbeddedChannel nettyEncoderChannel;
  private ChannelHandlerContext nettyEncoderContext;
  private final List<Object> nettyOut = new ArrayList<>(1);

  @Setup(Level.Trial)
  public void setUp() {
    MqttVersion ours = MqttVersion.fromString(version);
    byte[] payload = new byte[payloadSize];
    Arrays.fill(payload, (byte) '7');
    MqttMessage.Builder message = MqttMessage.builder(TOPIC).qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload);
    MqttProperties nettyProperties = new MqttProperties();
    if (ours.isMqtt5()) {
      message.contentType("application/json").userProperty("trace-id", "4bf92f3577b34da6")
          .messageExpiryInterval(3_600);
      nettyProperties.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE,
          "application/json"));
      nettyProperties.add(new MqttProperties.UserProperty("trace-id", "4bf92f3577b34da6"));
      nettyProperties.add(new MqttProperties.IntegerProperty(
          MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 3_600));
    }
    ourPacket = PublishPacket.of(message.build(), 42);
    nettyMessage = new MqttPublishMessage(
        new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
        new MqttPublishVariableHeader(TOPIC, 42, nettyProperties),
        Unpooled.wrappedBuffer(payload));

    ourEncoder = new MqttPacketEncoder(ours);
    ourDecoder = MqttPacketDecoder.forClient(ours, MqttPacketDecoder.DEFAULT_MAXIMUM_PACKET_SIZE);
    nettyDecoder = new MqttDecoder(MqttPacketDecoder.DEFAULT_MAXIMUM_PACKET_SIZE);
    nettyDecoderChannel = new EmbeddedChannel(nettyDecoder);
    nettyDecoderContext = nettyDecoderChannel.pipeline().context(nettyDecoder);
    nettyEncoderChannel = new EmbeddedChannel(MqttEncoder.INSTANCE);
    nettyEncoderContext = nettyEncoderChannel.pipeline().context(MqttEncoder.INSTANCE);
    io.netty.handler.codec.mqtt.MqttVersion nettyVersion = ours.isMqtt5()
        ? io.netty.handler.codec.mqtt.MqttVersion.MQTT_5
        : io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1_1;
    nettyDecoderChannel.attr(NETTY_VERSION).set(nettyVersion);
    nettyEncoderChannel.attr(NETTY_VERSION).set(nettyVersion);
    allocator = nettyEncoderContext.alloc(); // the pooled default, for both encoders

    ByteBuf ourBytes = ourEncoder.encode(ourPacket, allocator);
    checkSameLength(ourBytes);
    encodedSize = ourBytes.readableBytes();
    encoded = PooledByteBufAllocator.DEFAULT.directBuffer(encodedSize);
    encoded.writeBytes(ourBytes);
    ourBytes.release();
    checkBothDecodeIt();
  }

  /**
   * The same packet in, as many bytes out (the properties may come in another order): otherwise
   * the comparison would be meaningless.
   */
  private void checkSameLength(ByteBuf ourBytes) {
    ByteBuf nettyBytes = nettyEncode();
    try {
      if (nettyBytes.readableBytes() != ourBytes.readableBytes()) {
        throw new IllegalStateException("Encodings differ in length: ours "
            + ByteBufUtil.hexDump(ourBytes) + ", Netty's " + ByteBufUtil.hexDump(nettyBytes));
      }
    } finally {
      nettyBytes.release();
    }
  }

  private void checkBothDecodeIt() {
    encoded.readerIndex(0);
    MqttPacket ours = ourDecoder.decode(encoded);
    Object netty = nettyDecode();
    try {
      if (!ourPacket.equals(ours)) {
        throw new IllegalStateException("Our decoder read " + ours);
      }
      MqttPublishMessage publish = (MqttPublishMessage) netty;
      if (publish.decoderResult().isFailure() || publish.payload().readableBytes() != payloadSize
          || !TOPIC.equals(publish.variableHeader().topicName())) {
        throw new IllegalStateException("Netty's decoder read " + netty);
      }
    } finally {
      ReferenceCountUtil.release(netty);
    }
    if (encoded.refCnt() != 1) {
      throw new IllegalStateException("Input reference count " + encoded.refCnt());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    encoded.release();
    ReferenceCountUtil.release(nettyMessage);
    for (EmbeddedChannel channel : List.of(nettyDecoderChannel, nettyEncoderChannel)) {
      if (channel.finishAndReleaseAll()) {
        throw new IllegalStateException("Messages left in " + channel.pipeline().names());
      }
    }
  }

  // --- decode ---------------------------------------------------------------------------------

  @Benchmark
  public MqttPacket decodeOurs(CpuTime cpu) {
    cpu.calls++;
    encoded.readerIndex(0);
    return ourDecoder.decode(encoded);
  }

  @Benchmark
  public void decodeNetty(Blackhole blackhole, CpuTime cpu) {
    cpu.calls++;
    Object message = nettyDecode();
    blackhole.consume(message);
    ReferenceCountUtil.release(message);
  }

  /**
   * Netty's decode followed by what an application that hands out {@code byte[]} payloads (as our
   * API does) must do with its result: copy the payload out of the retained slice and release it.
   * Like for like with {@link #decodeOurs}, which makes that copy inside the decoder.
   */
  @Benchmark
  public byte[] decodeNettyCopyingPayload(Blackhole blackhole, CpuTime cpu) {
    cpu.calls++;
    MqttPublishMessage message = (MqttPublishMessage) nettyDecode();
    try {
      blackhole.consume(message.variableHeader());
      return ByteBufUtil.getBytes(message.payload());
    } finally {
      message.release();
    }
  }

  private Object nettyDecode() {
    encoded.readerIndex(0);
    try {
      NETTY_DECODE.invokeExact(nettyDecoder, nettyDecoderContext, encoded, nettyOut);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    return nettyOut.remove(0);
  }

  // --- encode ---------------------------------------------------------------------------------

  @Benchmark
  public void encodeOurs(Blackhole blackhole, CpuTime cpu) {
    consumeAndRelease(ourEncoder.encode(ourPacket, allocator), blackhole, cpu);
  }

  @Benchmark
  public void encodeNetty(Blackhole blackhole, CpuTime cpu) {
    consumeAndRelease(nettyEncode(), blackhole, cpu);
  }

  /**
   * The floor both encoders stand on: allocating an output buffer of the packet's size from the
   * channel's allocator and releasing it, with nothing written.
   */
  @Benchmark
  public void encodeFloorAllocateOnly(Blackhole blackhole, CpuTime cpu) {
    consumeAndRelease(allocator.ioBuffer(encodedSize, encodedSize), blackhole, cpu);
  }

  /** What every encode operation does with its output, as a channel would after writing it. */
  private static void consumeAndRelease(ByteBuf out, Blackhole blackhole, CpuTime cpu) {
    cpu.calls++;
    blackhole.consume(out);
    out.release();
  }

  private ByteBuf nettyEncode() {
    try {
      return (ByteBuf) NETTY_ENCODE.invokeExact(nettyEncoderContext, nettyMessage);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The benchmark thread's CPU time and operation count per iteration, as JMH secondary results
   * ({@code cpuNanos}, {@code calls}); their ratio is CPU nanoseconds per operation.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long cpuNanos;
    public long calls;
    private long start;

    @Setup(Level.Iteration)
    public void start() {
      calls = 0;
      cpuNanos = 0;
      start = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
    }
  }
}
