package dev.mqttbridge.mqtt.internal.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after DISCONNECT was written without losing what was written before it.
 *
 * <p>Closing a socket while the server's data is still unread makes the kernel send a reset, and a
 * server that had not yet read our last acknowledgements drops them (Mosquitto then redelivers
 * messages the application had acknowledged). So the client only ends its output (TLS close_notify
 * or a WebSocket close frame first, then a TCP half-close) and keeps reading, discarding everything
 * unseen by the application, until the server closes or the linger time passes.
 */
final class GracefulClose {

  static final String NAME = "discard-after-disconnect";

  private GracefulClose() {
  }

  /** Starts the close on the channel's event loop, after DISCONNECT has been flushed. */
  static void start(Channel ch, Duration linger) {
    if (!ch.isActive()) {
      return;
    }
    if (ch.pipeline().get(NAME) == null && ch.pipeline().get(ByteCountingHandler.NAME) != null) {
      ch.pipeline().addBefore(ByteCountingHandler.NAME, NAME, new Discard());
    }
    var timer = ch.eventLoop().schedule(() -> {
      ch.close();
    }, linger.toMillis(), TimeUnit.MILLISECONDS);
    ch.closeFuture().addListener(f -> timer.cancel(false));
    // Incoming flow control may have stopped reading: the server's close must be seen.
    ch.config().setAutoRead(true);
    ch.read();
    endOutput(ch).addListener(f -> {
      if (ch instanceof SocketChannel socket && socket.isActive()) {
        socket.shutdownOutput();
      }
    });
  }

  private static ChannelFuture endOutput(Channel ch) {
    SslHandler tls = ch.pipeline().get(SslHandler.class);
    if (tls != null) {
      return tls.closeOutbound();
    }
    ChannelHandlerContext frames = ch.pipeline().context(WebSocketFrames.NAME);
    if (frames != null) {
      // Written from here, the frame skips the MQTT-to-frame conversion.
      return frames.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
    }
    return ch.newSucceededFuture();
  }

  /** Drops what the server sends after our DISCONNECT: the application must not see it. */
  private static final class Discard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }
  }
}
