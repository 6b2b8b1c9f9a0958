package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.client.MqttConnectException;
import dev.mqttbridge.mqtt.internal.tls.TlsFailures;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits behind the {@code SslHandler} and rewrites TLS errors into a {@link MqttConnectException}
 * that says what went wrong (expired, untrusted, host name mismatch, client certificate refused),
 * since the JDK's messages rarely do.
 */
final class TlsFailureHandler extends ChannelInboundHandlerAdapter {

  static final String NAME = "tls-failure";

  private final String server;

  TlsFailureHandler(String server) {
    this.server = server;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (TlsFailures.isTls(cause)) {
      ctx.fireExceptionCaught(new MqttConnectException(TlsFailures.describe(server, cause), null, cause));
    } else {
      ctx.fireExceptionCaught(cause);
    }
  }
}
