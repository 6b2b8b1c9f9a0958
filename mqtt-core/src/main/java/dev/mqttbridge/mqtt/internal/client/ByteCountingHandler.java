package dev.mqttbridge.mqtt.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Counts bytes read and written; sits next to the transport, ahead of the codec. */
final class ByteCountingHandler extends ChannelDuplexHandler {

  static final String NAME = "byte-count";

  private final ClientCounters counters;

  ByteCountingHandler(ClientCounters counters) {
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      counters.bytesIn.add(buf.readableBytes());
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf buf) {
      counters.bytesOut.add(buf.readableBytes());
    }
    ctx.write(msg, promise);
  }
}
