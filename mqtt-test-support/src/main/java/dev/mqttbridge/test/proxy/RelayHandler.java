package dev.mqttbridge.test.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits on one channel of a proxied connection: what the channel reads goes into the relay it is the source
 * of; when the channel drains or closes, the relay writing into it is told.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

  private final Relay readingFromThisChannel;
  private final Relay writingToThisChannel;

  RelayHandler(Relay readingFromThisChannel, Relay writingToThisChannel) {
    this.readingFromThisChannel = readingFromThisChannel;
    this.writingToThisChannel = writingToThisChannel;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    readingFromThisChannel.onRead((ByteBuf) msg);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    writingToThisChannel.drain();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    readingFromThisChannel.sourceClosed();
    writingToThisChannel.targetClosed();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets are what fault tests provoke; the close is forwarded like any other.
    LOG.debug("Closing {} after {}", ctx.channel(), cause.toString());
    ctx.close();
  }
}
