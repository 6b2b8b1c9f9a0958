package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS over TCP: {@code ssl://host:port} (also {@code mqtts://}, {@code tls://}), port 8883 by
 * default. The host (or the configured server name) is sent as SNI and, unless turned off, verified
 * against the server's certificate.
 */
final class TlsTransport implements MqttTransport {

  static final String NAME = "tls";
  private static final int DEFAULT_PORT = 8883;

  private final SslContext context;
  private final MqttTlsConfig config;

  TlsTransport(SslContext context, MqttTlsConfig config) {
    this.context = context;
    this.config = config;
  }

  @Override
  public InetSocketAddress remoteAddress(URI uri) {
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    return InetSocketAddress.createUnresolved(uri.getHost(), port);
  }

  @Override
  public void initChannel(Channel channel, URI uri) {
    initChannel(channel, uri, remoteAddress(uri).getPort());
  }

  /** The TLS layer for a connection to {@code port}; also beneath {@code wss://}. */
  void initChannel(Channel channel, URI uri, int port) {
    String host = config.serverName().orElse(uri.getHost());
    SslHandler handler = context.newHandler(channel.alloc(), host, port);
    verifyHostname(handler.engine());
    handler.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
    channel.pipeline()
        .addLast(NAME, handler)
        .addLast(TlsFailureHandler.NAME, new TlsFailureHandler(uri.getHost() + ":" + port));
  }

  /**
   * Set here, per engine, rather than in the context: a ready-made {@code SSLContext} has no say in
   * it, so files and contexts behave the same. The JDK checks the certificate against the host the
   * engine was made for (the server name, else the URI's host).
   */
  private void verifyHostname(SSLEngine engine) {
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm(config.hostnameVerification() ? "HTTPS" : null);
    engine.setSSLParameters(parameters);
  }
}
