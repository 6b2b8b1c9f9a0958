package dev.mqttbridge.mqtt.broker;

import java.util.Objects;

/**
 * Where the broker accepts connections. Immutable; create one with a factory method. Only plain
 * TCP exists today; TLS and WebSocket listeners will be further factory methods, which is why the
 * constructor is not public.
 */
public final class MqttListener {

  private final String host;
  private final int port;

  private MqttListener(String host, int port) {
    this.host = Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Port out of range 0..65535: " + port);
    }
    this.port = port;
  }

  /**
   * A plain TCP listener.
   *
   * @param host the address to bind, for example {@code 127.0.0.1} or {@code 0.0.0.0}
   * @param port the TCP port, or 0 for a free one chosen at start
   * @return the listener
   */
  public static MqttListener tcp(String host, int port) {
    return new MqttListener(host, port);
  }

  /** The address to bind. */
  public String host() {
    return host;
  }

  /** The configured port (0: any free port). */
  public int port() {
    return port;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MqttListener that && host.equals(that.host) && port == that.port;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port);
  }

  @Override
  public String toString() {
    return "tcp://" + host + ":" + port;
  }
}
