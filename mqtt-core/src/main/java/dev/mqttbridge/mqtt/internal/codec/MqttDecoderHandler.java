package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Turns received bytes into {@link MqttPacket}s with an {@link MqttPacketDecoder}.
 *
 * <p>On a protocol violation it fires the {@link MqttDecodeException} down the pipeline with
 * {@code exceptionCaught}, so that the protocol handler can answer with a DISCONNECT or CONNACK
 * carrying the reason code and close the connection. From then on it discards every received
 * byte. Packets decoded before the violation are delivered first.
 *
 * <p>The cumulation stays bounded: the decoder refuses a packet larger than its maximum as soon
 * as the fixed header arrives, before the body is buffered. Not sharable: one per connection.
 */
public final class MqttDecoderHandler extends ByteToMessageDecoder {

  /** The handler's name in the pipeline. */
  public static final String NAME = "mqttDecoder";

  private final MqttPacketDecoder decoder;
  private boolean failed;

  /**
   * Creates the handler.
   *
   * @param decoder this connection's decoder
   */
  public MqttDecoderHandler(MqttPacketDecoder decoder) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /**
   * This connection's decoder: for the protocol handler to read the version and to set the
   * maximum packet size and topic alias maximum after CONNECT / CONNACK.
   */
  public MqttPacketDecoder decoder() {
    return decoder;
  }

  /** Whether a protocol violation stopped decoding. */
  public boolean hasFailed() {
    return failed;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      MqttPacket packet = decoder.decode(in);
      if (packet != null) {
        out.add(packet);
      }
    } catch (MqttDecodeException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      ctx.fireExceptionCaught(e);
    }
  }
}
