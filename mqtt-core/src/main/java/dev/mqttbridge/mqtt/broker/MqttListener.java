package dev.mqttbridge.mqtt.broker;

import java.util.Objects;

/**
 * Where the broker accepts connections. Only plain TCP exists today; TLS and WebSocket listeners
 * will be further kinds of listener in this list.
 *
 * @param host the address to bind, for example {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port, or 0 for a free one chosen at start
 */
public record MqttListener(String host, int port) {

  public MqttListener {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Port out of range 0..65535: " + port);
    }
  }

  /** A plain TCP listener. */
  public static MqttListener tcp(String host, int port) {
    return new MqttListener(host, port);
  }
}
