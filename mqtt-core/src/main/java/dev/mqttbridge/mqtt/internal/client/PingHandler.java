package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep alive: sends PINGREQ when nothing was written for the keep alive interval, so the server
 * hears from us in time [MQTT-3.1.2-20], and closes the connection as dead when a PINGRESP does not
 * come within the keep alive interval. While reads are paused for incoming flow control the
 * PINGRESP cannot be read, so the dead-link check waits instead of tripping.
 *
 * <p>Connection-scoped: a new instance per connection; runs on the event loop only, so handlers
 * that are slow on the callback executor cannot delay it.
 */
final class PingHandler extends ChannelDuplexHandler {

  static final String NAME = "ping";

  private static final Logger LOG = LoggerFactory.getLogger(PingHandler.class);

  private final LongSupplier nanoClock;
  private long keepAliveNanos;
  private long lastWriteNanos;
  /** When the unanswered PINGREQ was sent; 0 when none is outstanding. */
  private long pingSentNanos;
  private ScheduledFuture<?> timer;

  PingHandler(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof ConnectionSettings settings && settings.keepAliveSeconds() > 0) {
      keepAliveNanos = TimeUnit.SECONDS.toNanos(settings.keepAliveSeconds());
      lastWriteNanos = nanoClock.getAsLong();
      schedule(ctx, keepAliveNanos);
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    lastWriteNanos = nanoClock.getAsLong();
    ctx.write(msg, promise);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof PingrespPacket) {
      pingSentNanos = 0;
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void schedule(ChannelHandlerContext ctx, long delayNanos) {
    timer = ctx.executor().schedule(() -> tick(ctx), Math.max(delayNanos, 1),
        TimeUnit.NANOSECONDS);
  }

  /** Visible for tests. */
  void tick(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (pingSentNanos != 0 && now - pingSentNanos >= keepAliveNanos) {
      if (ctx.channel().config().isAutoRead()) {
        LOG.warn("No PINGRESP within {} s: closing the connection as dead",
            TimeUnit.NANOSECONDS.toSeconds(keepAliveNanos));
        ctx.close();
        return;
      }
      // Reads are paused on purpose: the PINGRESP is waiting in the socket. Start over.
      pingSentNanos = 0;
    }
    if (now - lastWriteNanos >= keepAliveNanos && pingSentNanos == 0) {
      pingSentNanos = now;
      ctx.writeAndFlush(PingreqPacket.INSTANCE);
    }
    long nextWrite = lastWriteNanos + keepAliveNanos - now;
    long nextDeadline = pingSentNanos == 0 ? Long.MAX_VALUE : pingSentNanos + keepAliveNanos - now;
    schedule(ctx, Math.min(nextWrite <= 0 ? keepAliveNanos : nextWrite, nextDeadline));
  }
}
