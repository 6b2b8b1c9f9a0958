package dev.mqttbridge.mqtt.internal.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Between WebSocket frames and the MQTT codec's byte stream. The MQTT handlers behind it see the
 * channel become active only once the upgrade is done, so the CONNECT is never written into the
 * HTTP handshake. Frame boundaries mean nothing to MQTT: the decoder reassembles packets.
 */
final class WebSocketFrames extends ChannelDuplexHandler {

  static final String NAME = "websocket-frames";

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    // Held back until HANDSHAKE_COMPLETE.
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      ctx.fireChannelActive();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (message instanceof BinaryWebSocketFrame || message instanceof ContinuationWebSocketFrame) {
      ctx.fireChannelRead(((WebSocketFrame) message).content());
    } else if (message instanceof WebSocketFrame) {
      // Text frames have no place in MQTT over WebSocket [MQTT-6.0.0-1]: close.
      ReferenceCountUtil.release(message);
      ctx.fireExceptionCaught(new IllegalStateException("Server sent a non-binary WebSocket frame"));
    } else {
      ctx.fireChannelRead(message);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
    if (message instanceof ByteBuf bytes) {
      ctx.write(new BinaryWebSocketFrame(bytes), promise);
    } else {
      ctx.write(message, promise);
    }
  }
}
