package dev.mqttbridge.mqtt.internal.broker.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the HTTP upgrade request of a WebSocket listener before Netty's handshaker sees it, so
 * that every request we cannot serve gets a plain HTTP error and a closed connection rather than
 * reaching the MQTT handlers: a malformed request 400, another method 405, another path 404, no
 * WebSocket upgrade 426, no {@code mqtt} subprotocol offered 400. A good request passes on and
 * this handler leaves the pipeline.
 */
final class WebSocketUpgradeGuard extends ChannelInboundHandlerAdapter {

  static final String NAME = "mqtt-broker-ws-guard";
  /** {@code mqtt} for 3.1.1 and 5.0 [MQTT-6.0.0-3]; {@code mqttv3.1} is what 3.1 clients ask for. */
  static final Set<String> SUBPROTOCOLS = Set.of("mqtt", "mqttv3.1");
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketUpgradeGuard.class);

  private final String path;
  private boolean refused;

  WebSocketUpgradeGuard(String path) {
    this.path = path;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg); // whatever follows a refused request
      return;
    }
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String problem;
    HttpResponseStatus status;
    try {
      status = check(request);
      problem = status == null ? null : reason(request, status);
    } catch (RuntimeException malformed) { // e.g. a request target QueryStringDecoder rejects
      status = HttpResponseStatus.BAD_REQUEST;
      problem = "Malformed request: " + malformed.getMessage();
    }
    if (status == null) {
      ctx.pipeline().remove(this);
      ctx.fireChannelRead(request);
      return;
    }
    ReferenceCountUtil.release(request);
    refuse(ctx, status, problem);
  }

  private HttpResponseStatus check(FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      return HttpResponseStatus.BAD_REQUEST;
    }
    if (!HttpMethod.GET.equals(request.method())) {
      return HttpResponseStatus.METHOD_NOT_ALLOWED;
    }
    if (!path.equals(new QueryStringDecoder(request.uri()).path())) {
      return HttpResponseStatus.NOT_FOUND;
    }
    if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET,
        true)) {
      return HttpResponseStatus.UPGRADE_REQUIRED;
    }
    if (!offersMqtt(request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))) {
      return HttpResponseStatus.BAD_REQUEST;
    }
    return null;
  }

  private String reason(FullHttpRequest request, HttpResponseStatus status) {
    return switch (status.code()) {
      case 404 -> "MQTT over WebSocket is served on " + path;
      case 405 -> "Use GET to upgrade to WebSocket";
      case 426 -> "This is an MQTT over WebSocket endpoint: upgrade to websocket";
      default -> request.decoderResult().isSuccess()
          ? "Offer the WebSocket subprotocol mqtt (Sec-WebSocket-Protocol)"
          : "Malformed HTTP request: " + request.decoderResult().cause().getMessage();
    };
  }

  private static boolean offersMqtt(Iterable<String> headerValues) {
    for (String value : headerValues) {
      for (String offered : value.split(",")) {
        if (SUBPROTOCOLS.contains(offered.trim())) {
          return true;
        }
      }
    }
    return false;
  }

  private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String problem) {
    refused = true;
    LOG.debug("Refused WebSocket upgrade from {}: {} {}", ctx.channel().remoteAddress(), status,
        problem);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(problem + "\n", StandardCharsets.UTF_8));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
      response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
    } else if (status == HttpResponseStatus.UPGRADE_REQUIRED) {
      response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
    }
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
