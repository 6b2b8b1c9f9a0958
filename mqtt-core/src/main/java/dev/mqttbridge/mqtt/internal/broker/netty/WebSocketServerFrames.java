package dev.mqttbridge.mqtt.internal.broker.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;

/**
 * Between WebSocket frames and the MQTT decoder's byte stream on a broker connection. Frame
 * boundaries mean nothing to MQTT [MQTT-6.0.0-2]: the content of binary and continuation frames
 * goes on as bytes and the decoder reassembles packets, whether one frame holds several or one
 * packet spans several frames. Outgoing packets go out one binary frame each. A text frame is a
 * protocol error [MQTT-6.0.0-1]: close status 1003. Once upgraded, closing the connection sends a
 * close frame first.
 */
final class WebSocketServerFrames extends ChannelDuplexHandler {

  static final String NAME = "mqtt-broker-ws-frames";

  private boolean upgraded;
  private boolean closing;

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete) {
      upgraded = true;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
      ctx.fireChannelRead(((WebSocketFrame) msg).content());
    } else if (msg instanceof WebSocketFrame) {
      ReferenceCountUtil.release(msg);
      closeWith(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, ctx.newPromise());
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg instanceof ByteBuf bytes ? new BinaryWebSocketFrame(bytes) : msg, promise);
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (upgraded && ctx.channel().isActive()) {
      closeWith(ctx, WebSocketCloseStatus.NORMAL_CLOSURE, promise);
    } else {
      ctx.close(promise);
    }
  }

  private void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status,
      ChannelPromise promise) {
    if (closing) {
      ctx.close(promise);
      return;
    }
    closing = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(status))
        .addListener((ChannelFutureListener) sent -> ctx.close(promise));
  }
}
