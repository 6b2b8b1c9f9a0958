package dev.mqttbridge.mqtt.broker;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the broker accepts connections: plain TCP or TLS. Immutable; create one with a factory
 * method. A broker may have several listeners at once. (WebSocket listeners will be further
 * factory methods, which is why the constructor is not public.)
 */
public final class MqttListener {

  private final String host;
  private final int port;
  private final ListenerTls tls;

  private MqttListener(String host, int port, ListenerTls tls) {
    this.host = Objects.requireNonNull(host, "host");
    this.tls = tls;
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
    return new MqttListener(host, port, null);
  }

  /**
   * A TLS listener (MQTT over TLS, usually port 8883). The key material is loaded when the
   * broker starts; a missing or unreadable file fails {@link MqttBroker#start()}.
   *
   * @param host the address to bind
   * @param port the TCP port, or 0 for a free one chosen at start
   * @param tls the server identity and the client certificate policy
   * @return the listener
   */
  public static MqttListener tls(String host, int port, ListenerTls tls) {
    return new MqttListener(host, port, Objects.requireNonNull(tls, "tls"));
  }

  /** The TLS settings, if this is a TLS listener. */
  public Optional<ListenerTls> tls() {
    return Optional.ofNullable(tls);
  }

  /** The URI scheme clients use: {@code tcp} or {@code ssl}. */
  public String scheme() {
    return tls == null ? "tcp" : "ssl";
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
    return other instanceof MqttListener that && host.equals(that.host) && port == that.port
        && Objects.equals(tls, that.tls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, tls);
  }

  @Override
  public String toString() {
    return scheme() + "://" + host + ":" + port;
  }
}
