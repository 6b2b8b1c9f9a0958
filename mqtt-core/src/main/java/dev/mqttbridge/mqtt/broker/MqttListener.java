package dev.mqttbridge.mqtt.broker;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the broker accepts connections: plain TCP, TLS, WebSocket or secure WebSocket. Immutable;
 * create one with a factory method. A broker may have several listeners at once.
 *
 * <p>WebSocket listeners accept the HTTP upgrade on {@value #WEBSOCKET_PATH} with subprotocol
 * {@code mqtt} (or {@code mqttv3.1}, which MQTT 3.1 clients ask for); MQTT packets then travel in
 * binary frames, split across or packed into frames as the client likes. A frame may hold at most
 * {@link MqttBroker.Builder#maximumPacketSize} plus 64 KiB (a largest packet and the small ones
 * sent with it); a larger one is refused from its header with close status 1009. Any other
 * request gets an HTTP error (404 for another path, 400 without the subprotocol) and the
 * connection is closed.
 */
public final class MqttListener {

  /** The HTTP path WebSocket listeners accept the upgrade on. */
  public static final String WEBSOCKET_PATH = "/mqtt";

  private final String host;
  private final int port;
  private final ListenerTls tls;
  private final boolean webSocket;

  private MqttListener(String host, int port, ListenerTls tls, boolean webSocket) {
    this.host = Objects.requireNonNull(host, "host");
    this.tls = tls;
    this.webSocket = webSocket;
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
    return new MqttListener(host, port, null, false);
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
    return new MqttListener(host, port, Objects.requireNonNull(tls, "tls"), false);
  }

  /**
   * A WebSocket listener: clients connect to {@code ws://host:port/mqtt}.
   *
   * @param host the address to bind
   * @param port the TCP port, or 0 for a free one chosen at start
   * @return the listener
   */
  public static MqttListener webSocket(String host, int port) {
    return new MqttListener(host, port, null, true);
  }

  /**
   * A WebSocket listener over TLS: clients connect to {@code wss://host:port/mqtt}. The key
   * material is loaded when the broker starts, as for {@link #tls}.
   *
   * @param host the address to bind
   * @param port the TCP port, or 0 for a free one chosen at start
   * @param tls the server identity and the client certificate policy
   * @return the listener
   */
  public static MqttListener secureWebSocket(String host, int port, ListenerTls tls) {
    return new MqttListener(host, port, Objects.requireNonNull(tls, "tls"), true);
  }

  /** Whether clients speak MQTT over WebSocket ({@code ws} or {@code wss}) here. */
  public boolean isWebSocket() {
    return webSocket;
  }

  /** The TLS settings, if this is a TLS listener. */
  public Optional<ListenerTls> tls() {
    return Optional.ofNullable(tls);
  }

  /** The URI scheme clients use: {@code tcp}, {@code ssl}, {@code ws} or {@code wss}. */
  public String scheme() {
    if (webSocket) {
      return tls == null ? "ws" : "wss";
    }
    return tls == null ? "tcp" : "ssl";
  }

  /** The path clients put in the URI: {@value #WEBSOCKET_PATH} for WebSocket, else empty. */
  public String uriPath() {
    return webSocket ? WEBSOCKET_PATH : "";
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
        && Objects.equals(tls, that.tls) && webSocket == that.webSocket;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, tls, webSocket);
  }

  @Override
  public String toString() {
    return scheme() + "://" + host + ":" + port + uriPath();
  }
}
