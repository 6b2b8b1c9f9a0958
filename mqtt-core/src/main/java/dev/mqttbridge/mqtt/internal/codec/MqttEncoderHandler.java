package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import java.util.Objects;

/**
 * Encodes outbound {@link MqttPacket}s with the {@link MqttPacketEncoder} of the connection's
 * version; other messages pass through.
 *
 * <p>A client knows its version from the start; a server sets it with {@link
 * #version(MqttVersion)} once CONNECT is decoded. A packet larger than the peer's Maximum Packet
 * Size is not sent: the write promise fails with {@link MqttPacketTooLargeException}. A packet
 * that cannot be encoded at all fails it with an {@link EncoderException}.
 *
 * <p>Not sharable: one per connection, used on its event loop.
 */
public final class MqttEncoderHandler extends ChannelOutboundHandlerAdapter {

  /** The handler's name in the pipeline. */
  public static final String NAME = "mqttEncoder";

  /** No limit until the peer states one. */
  private static final long UNLIMITED = Long.MAX_VALUE;

  private MqttPacketEncoder encoder;
  private long maximumPacketSize = UNLIMITED;

  /** A handler whose version is set later with {@link #version(MqttVersion)} (server side). */
  public MqttEncoderHandler() {}

  /**
   * A handler for a known version (client side).
   *
   * @param version the protocol version
   */
  public MqttEncoderHandler(MqttVersion version) {
    version(version);
  }

  /**
   * A handler with this encoder (client side).
   *
   * @param encoder the encoder of the connection's version
   */
  public MqttEncoderHandler(MqttPacketEncoder encoder) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /** Sets the protocol version to encode. */
  public void version(MqttVersion version) {
    this.encoder = MqttPacketEncoder.of(version);
  }

  /** The protocol version, or {@code null} until set. */
  public MqttVersion version() {
    return encoder == null ? null : encoder.version();
  }

  /**
   * Sets the peer's Maximum Packet Size (from CONNECT or CONNACK), fixed header included.
   *
   * @param bytes 1 to 4,294,967,295
   */
  public void maximumPacketSize(long bytes) {
    if (bytes < 1 || bytes > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("Maximum packet size out of range 1..4294967295: " + bytes);
    }
    this.maximumPacketSize = bytes;
  }

  /** The peer's Maximum Packet Size, or {@link Long#MAX_VALUE} when it stated none. */
  public long maximumPacketSize() {
    return maximumPacketSize;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof MqttPacket)) {
      ctx.write(msg, promise);
      return;
    }
    MqttPacket packet = (MqttPacket) msg;
    ByteBuf encoded;
    try {
      if (encoder == null) {
        throw new IllegalStateException("MQTT version not set yet: call version() after CONNECT");
      }
      encoded = encoder.encode(packet, ctx.alloc(), maximumPacketSize);
    } catch (MqttPacketTooLargeException e) {
      promise.setFailure(e);
      return;
    } catch (RuntimeException e) {
      promise.setFailure(new EncoderException("Cannot encode " + packet.type() + ": "
          + e.getMessage(), e));
      return;
    }
    ctx.write(encoded, promise);
  }
}
