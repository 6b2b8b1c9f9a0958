package dev.mqttbridge.mqtt.internal.client;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.URI;

/** Plain TCP: {@code tcp://host:port}, port 1883 by default. */
final class TcpTransport implements MqttTransport {

  static final TcpTransport INSTANCE = new TcpTransport();

  private static final int DEFAULT_PORT = 1883;

  private TcpTransport() {}

  @Override
  public InetSocketAddress remoteAddress(URI uri) {
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    return InetSocketAddress.createUnresolved(uri.getHost(), port);
  }

  @Override
  public void initChannel(Channel channel, URI uri) {
    // Nothing between the socket and the MQTT codec.
  }
}
