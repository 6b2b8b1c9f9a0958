package dev.mqttbridge.mqtt.internal.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * MQTT over WebSocket: {@code ws://host:port/path} (port 80) and, over TLS, {@code wss://} (port
 * 443). The HTTP upgrade asks for subprotocol {@code mqtt} on the URI's path ({@code /mqtt} when it
 * has none) with the configured extra headers; MQTT packets travel in binary frames.
 */
final class WebSocketTransport implements MqttTransport {

  static final String SUBPROTOCOL = "mqtt";
  private static final String DEFAULT_PATH = "/mqtt";
  private static final int MAXIMUM_HANDSHAKE_RESPONSE = 64 * 1024;

  private final TlsTransport tls;
  private final Map<String, String> headers;
  private final Duration handshakeTimeout;
  private final int maximumFrameSize;

  /**
   * @param tls the TLS layer underneath for {@code wss://}, {@code null} for {@code ws://}
   * @param maximumFrameSize the largest incoming frame: the client's maximum packet size
   */
  WebSocketTransport(TlsTransport tls, Map<String, String> headers, Duration handshakeTimeout,
      int maximumFrameSize) {
    this.tls = tls;
    this.headers = Map.copyOf(headers);
    this.handshakeTimeout = handshakeTimeout;
    this.maximumFrameSize = maximumFrameSize;
  }

  @Override
  public InetSocketAddress remoteAddress(URI uri) {
    int port = uri.getPort() >= 0 ? uri.getPort() : tls != null ? 443 : 80;
    return InetSocketAddress.createUnresolved(uri.getHost(), port);
  }

  @Override
  public void initChannel(Channel channel, URI uri) {
    if (tls != null) {
      tls.initChannel(channel, uri, remoteAddress(uri).getPort());
    }
    HttpHeaders extra = new DefaultHttpHeaders();
    headers.forEach(extra::add);
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(upgradeUri(uri))
        .subprotocol(SUBPROTOCOL)
        .version(WebSocketVersion.V13)
        .customHeaders(extra)
        .maxFramePayloadLength(maximumFrameSize)
        .handshakeTimeoutMillis(handshakeTimeout.toMillis())
        // MQTT's DISCONNECT ends the session; the close frame is the transport's business.
        .handleCloseFrames(true)
        .dropPongFrames(true)
        .build();
    channel.pipeline()
        .addLast("http-codec", new HttpClientCodec())
        .addLast("http-aggregator", new HttpObjectAggregator(MAXIMUM_HANDSHAKE_RESPONSE))
        .addLast("websocket", new WebSocketClientProtocolHandler(config))
        .addLast(WebSocketFrames.NAME, new WebSocketFrames());
  }

  private static URI upgradeUri(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? DEFAULT_PATH : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + query);
  }
}
