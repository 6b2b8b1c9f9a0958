package dev.mqttbridge.mqtt.internal.client;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * How a server URI becomes a byte stream: the seam where TLS ({@code ssl://}) and WebSocket
 * ({@code ws://}) transports plug in ahead of the MQTT codec. {@link Transports} picks one per URI.
 */
interface MqttTransport {

  /** The address to open a TCP connection to. */
  InetSocketAddress remoteAddress(URI uri);

  /** Adds the transport's handlers (for example TLS) at the head of a new channel's pipeline. */
  void initChannel(Channel channel, URI uri);
}
