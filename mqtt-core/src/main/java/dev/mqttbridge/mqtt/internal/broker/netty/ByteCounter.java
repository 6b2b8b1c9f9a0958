package dev.mqttbridge.mqtt.internal.broker.netty;

import dev.mqttbridge.mqtt.internal.broker.BrokerCounters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Counts the bytes read from and written to every connection; first in each pipeline. */
@Sharable
final class ByteCounter extends ChannelDuplexHandler {

  static final String NAME = "mqtt-broker-bytes";

  private final BrokerCounters counters;

  ByteCounter(BrokerCounters counters) {
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof ByteBuf bytes) {
      counters.bytesReceived(bytes.readableBytes());
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof ByteBuf bytes) {
      counters.bytesSent(bytes.readableBytes());
    }
    super.write(ctx, msg, promise);
  }
}
