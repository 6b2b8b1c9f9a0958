package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.client.NettyMqttClient;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Builds an {@link MqttClient}; obtain one from {@link MqttClient#builder()}. Not thread-safe. Every
 * setting has a default; {@link #build()} validates them together.
 */
public final class MqttClientBuilder {

  private static final List<String> SCHEMES = List.of("tcp", "mqtt", "ssl", "mqtts", "tls", "ws", "wss");

  List<URI> serverUris = List.of(URI.create("tcp://localhost:1883"));
  MqttVersion version = MqttVersion.V5;
  String clientId = "";
  boolean cleanStart = true;
  long sessionExpiryInterval;
  int keepAliveSeconds = 60;
  Duration connectTimeout = Duration.ofSeconds(10);
  String username;
  byte[] password;
  MqttWill will;
  int receiveMaximum = 1_000;
  int maximumPacketSize = 16 * 1024 * 1024;
  int topicAliasMaximum = 16;
  boolean assignTopicAliases;
  boolean requestResponseInformation;
  boolean requestProblemInformation = true;
  List<MqttUserProperty> userProperties = List.of();
  MqttReconnectPolicy reconnectPolicy = MqttReconnectPolicy.DEFAULT;
  int inflightWindow = 1_000;
  int maximumPendingPublishes = 10_000;
  int maximumWaitingPublishes = 10_000;
  int maximumQueuedQos0Messages = 10_000;
  Executor callbackExecutor;
  boolean manualAcknowledgement;
  MqttSessionLostPolicy sessionLostPolicy = MqttSessionLostPolicy.FAIL;
  MqttMessageHandler defaultHandler;
  MqttTlsConfig tls;
  MqttServerSelection serverSelection = MqttServerSelection.IN_ORDER;
  Map<String, String> webSocketHeaders = Map.of();
  MqttEnhancedAuthenticator enhancedAuthenticator;
  MqttConnectionListener connectionListener;
  boolean retryFirstConnect;

  MqttClientBuilder() {}

  /**
   * The server to connect to: {@code tcp://host:port} ({@code mqtt://} is a synonym; port default
   * 1883) or TLS {@code ssl://host:port} ({@code mqtts://} and {@code tls://} are synonyms; port
   * default 8883, settings from {@link #tls(MqttTlsConfig)}), or WebSocket {@code ws://host:port/path}
   * (port 80) and {@code wss://} (port 443, over TLS): subprotocol {@code mqtt}, path {@code /mqtt}
   * when the URI has none.
   */
  public MqttClientBuilder serverUri(String uri) {
    return serverUris(List.of(URI.create(uri)));
  }

  /**
   * Servers to connect to, for failover: each connect, and each reconnect after a lost connection,
   * tries them one after the other, in order or at random ({@link #serverSelection}). Schemes as in
   * {@link #serverUri(String)}.
   */
  public MqttClientBuilder serverUris(List<URI> uris) {
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("At least one server URI is needed");
    }
    this.serverUris = List.copyOf(uris);
    return this;
  }

  /** Protocol version (default 5). */
  public MqttClientBuilder version(MqttVersion version) {
    this.version = Objects.requireNonNull(version, "version");
    return this;
  }

  /**
   * Client identifier (default empty: in 5.0 the server assigns one; 3.1.1 then requires a clean
   * session [MQTT-3.1.3-7]). Identifiers over 23 characters work where the server allows them; a
   * refusal fails {@code connect()} with an {@link MqttConnectException} saying so.
   */
  public MqttClientBuilder clientId(String clientId) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    return this;
  }

  /**
   * Clean start (default true). In 5.0 it applies to the first connect; reconnects always ask to
   * resume the session, which lives as long as {@link #sessionExpiryInterval} says. In 3.1.1 and
   * 3.1 it is the clean session flag of every connect: false keeps a persistent session.
   */
  public MqttClientBuilder cleanStart(boolean cleanStart) {
    this.cleanStart = cleanStart;
    return this;
  }

  /**
   * MQTT 5 session expiry interval in seconds (default 0: the session ends with the connection;
   * 4294967295: never). Not sent in 3.1.1 and 3.1, where {@link #cleanStart} decides.
   */
  public MqttClientBuilder sessionExpiryInterval(long seconds) {
    if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("Session expiry out of range 0..4294967295: " + seconds);
    }
    this.sessionExpiryInterval = seconds;
    return this;
  }

  /**
   * Keep alive in seconds, 0 to 65535 (default 60; 0 turns keep alive off). The client sends
   * PINGREQ after this long without writing, and closes the connection as dead when the PINGREQ is
   * not answered within the same interval (not while reads are paused for flow control). A Server
   * Keep Alive in the CONNACK replaces it.
   */
  public MqttClientBuilder keepAlive(int seconds) {
    if (seconds < 0 || seconds > 65_535) {
      throw new IllegalArgumentException("Keep alive out of range 0..65535: " + seconds);
    }
    this.keepAliveSeconds = seconds;
    return this;
  }

  /** How long to wait for the TCP connection and the CONNACK (default 10 s). */
  public MqttClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** User name, or {@code null} for none. */
  public MqttClientBuilder username(String username) {
    this.username = username;
    return this;
  }

  /** Password (UTF-8), or {@code null} for none. Never logged or printed. */
  public MqttClientBuilder password(String password) {
    return password(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
  }

  /** Password bytes (copied), or {@code null} for none. Never logged or printed. */
  public MqttClientBuilder password(byte[] password) {
    this.password = password == null ? null : password.clone();
    return this;
  }

  /** The will, or {@code null} for none. */
  public MqttClientBuilder will(MqttWill will) {
    this.will = will;
    return this;
  }

  /**
   * How many received QoS 1 and 2 messages may be unacknowledged at once, 1 to 65535 (default
   * 1000). In 5.0 it is sent as Receive Maximum; in 3.1.1 the client stops reading the socket when
   * it is reached.
   */
  public MqttClientBuilder receiveMaximum(int receiveMaximum) {
    if (receiveMaximum < 1 || receiveMaximum > 65_535) {
      throw new IllegalArgumentException("Receive maximum out of range 1..65535: " + receiveMaximum);
    }
    this.receiveMaximum = receiveMaximum;
    return this;
  }

  /** Largest packet the client accepts, in bytes (default 16 MiB); sent in 5.0. */
  public MqttClientBuilder maximumPacketSize(int bytes) {
    if (bytes < 16) {
      throw new IllegalArgumentException("Maximum packet size too small: " + bytes);
    }
    this.maximumPacketSize = bytes;
    return this;
  }

  /** MQTT 5: how many topic aliases the server may use towards us, 0 to 65535 (default 16). */
  public MqttClientBuilder topicAliasMaximum(int maximum) {
    if (maximum < 0 || maximum > 65_535) {
      throw new IllegalArgumentException("Topic alias maximum out of range 0..65535: " + maximum);
    }
    this.topicAliasMaximum = maximum;
    return this;
  }

  /**
   * MQTT 5: give outgoing topics aliases, up to the server's Topic Alias Maximum, first come first
   * served per connection (default false).
   */
  public MqttClientBuilder assignTopicAliases(boolean assign) {
    this.assignTopicAliases = assign;
    return this;
  }

  /** MQTT 5 request response information (default false). */
  public MqttClientBuilder requestResponseInformation(boolean request) {
    this.requestResponseInformation = request;
    return this;
  }

  /** MQTT 5 request problem information (default true). */
  public MqttClientBuilder requestProblemInformation(boolean request) {
    this.requestProblemInformation = request;
    return this;
  }

  /** MQTT 5 user properties of CONNECT. */
  public MqttClientBuilder userProperties(List<MqttUserProperty> properties) {
    this.userProperties = List.copyOf(properties);
    return this;
  }

  /**
   * Automatic reconnect after a lost connection (default {@link MqttReconnectPolicy#DEFAULT}); see
   * {@link #retryFirstConnect} for the first {@code connect()}.
   */
  public MqttClientBuilder reconnectPolicy(MqttReconnectPolicy policy) {
    this.reconnectPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Most QoS 1 and 2 publishes unacknowledged at once, 1 to 65535 (default 1000); the server's
   * Receive Maximum lowers it.
   */
  public MqttClientBuilder inflightWindow(int window) {
    if (window < 1 || window > 65_535) {
      throw new IllegalArgumentException("Inflight window out of range 1..65535: " + window);
    }
    this.inflightWindow = window;
    return this;
  }

  /**
   * Most publishes waiting for the inflight window or a connection (default 10000). Beyond it,
   * {@code publish} fails with {@link MqttQueueFullException} (the default backpressure), while
   * {@link MqttClient#publishWhenRoom} waits for room.
   */
  public MqttClientBuilder maximumPendingPublishes(int maximum) {
    if (maximum < 0) {
      throw new IllegalArgumentException("Maximum pending publishes must be >= 0: " + maximum);
    }
    this.maximumPendingPublishes = maximum;
    return this;
  }

  /**
   * Most {@link MqttClient#publishWhenRoom} publishes waiting for room in the pending queue
   * (default 10000), so that a producer that does not wait for {@link MqttWaitingPublish#inflight()}
   * cannot fill the memory. Beyond it, the waiting publish fails with {@link
   * MqttQueueFullException} at once. Calls still on their way to the client's event loop count as
   * waiting.
   */
  public MqttClientBuilder maximumWaitingPublishes(int maximum) {
    if (maximum < 1) {
      throw new IllegalArgumentException("Maximum waiting publishes must be >= 1: " + maximum);
    }
    this.maximumWaitingPublishes = maximum;
    return this;
  }

  /**
   * Most received QoS 0 messages waiting for their handlers (default 10000); later ones are
   * dropped and counted in {@link MqttClientMetrics#dropped()}.
   */
  public MqttClientBuilder maximumQueuedQos0Messages(int maximum) {
    if (maximum < 1) {
      throw new IllegalArgumentException("Maximum queued QoS 0 messages must be >= 1: " + maximum);
    }
    this.maximumQueuedQos0Messages = maximum;
    return this;
  }

  /**
   * Where message handlers run. Default: one thread owned by the client, which keeps messages in
   * arrival order; an executor with several threads may run handlers concurrently. Futures complete
   * and connection events arrive on another thread the client owns, so a handler may wait for a
   * future (a {@code subscribe} or {@code publish}) without blocking its own completion.
   */
  public MqttClientBuilder callbackExecutor(Executor executor) {
    this.callbackExecutor = executor;
    return this;
  }

  /** Manual acknowledgement of received QoS 1 and 2 messages (default false). */
  public MqttClientBuilder manualAcknowledgement(boolean manual) {
    this.manualAcknowledgement = manual;
    return this;
  }

  /** What to do with unacknowledged publishes when the session is lost (default FAIL). */
  public MqttClientBuilder sessionLostPolicy(MqttSessionLostPolicy policy) {
    this.sessionLostPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Receives messages that match none of this client's {@code subscribe} calls, for example those
   * of subscriptions a resumed session still holds (default none: such messages are acknowledged
   * and counted as dropped).
   */
  public MqttClientBuilder defaultHandler(MqttMessageHandler handler) {
    this.defaultHandler = handler;
    return this;
  }

  /**
   * TLS settings for {@code ssl://} / {@code mqtts://} servers: trust, client certificate (mutual
   * TLS), hostname verification, SNI, ALPN and protocol versions. Without it such servers are
   * verified against the JDK's trusted CAs.
   */
  public MqttClientBuilder tls(MqttTlsConfig config) {
    this.tls = Objects.requireNonNull(config, "config");
    return this;
  }

  /**
   * With several {@link #serverUris(List) server URIs}: try them in order (default) or in a random
   * order each round; see {@link MqttServerSelection} for what happens to a persistent session.
   */
  public MqttClientBuilder serverSelection(MqttServerSelection selection) {
    this.serverSelection = Objects.requireNonNull(selection, "selection");
    return this;
  }

  /** Extra HTTP headers for the WebSocket upgrade request of {@code ws://} and {@code wss://}. */
  public MqttClientBuilder webSocketHeaders(Map<String, String> headers) {
    this.webSocketHeaders = Map.copyOf(headers);
    return this;
  }

  /**
   * MQTT 5 enhanced authentication: the CONNECT carries its method and initial data, and the client
   * answers the server's AUTH challenges with it; {@link MqttClient#reauthenticate()} runs it again.
   */
  public MqttClientBuilder enhancedAuthenticator(MqttEnhancedAuthenticator authenticator) {
    this.enhancedAuthenticator = Objects.requireNonNull(authenticator, "authenticator");
    return this;
  }

  /** Hears about connections established, lost, and reconnect attempts (default none). */
  public MqttClientBuilder connectionListener(MqttConnectionListener listener) {
    this.connectionListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Whether the first {@link MqttClient#connect()} keeps trying under the {@link #reconnectPolicy}
   * when no server can be reached (default false: it fails fast after trying each server once). Its
   * future then completes at the first successful CONNACK; it still fails at once when a server
   * refuses the connection in CONNACK (credentials, client id, protocol version do not fix
   * themselves), and when the application calls {@code disconnect()} or {@code close()}. Needs an
   * enabled reconnect policy.
   */
  public MqttClientBuilder retryFirstConnect(boolean retry) {
    this.retryFirstConnect = retry;
    return this;
  }

  /** The validated, immutable options. */
  public MqttClientOptions buildOptions() {
    List<URI> checked = new ArrayList<>();
    for (URI uri : serverUris) {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if (!SCHEMES.contains(scheme)) {
        throw new IllegalArgumentException("Unsupported server URI " + uri
            + ": use tcp://, mqtt://, ssl://, mqtts://, tls://, ws:// or wss://");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("Server URI without host: " + uri);
      }
      checked.add(uri);
    }
    if (enhancedAuthenticator != null && !version.isMqtt5()) {
      throw new IllegalArgumentException("Enhanced authentication needs MQTT 5, not " + version);
    }
    if (retryFirstConnect && !reconnectPolicy.enabled()) {
      throw new IllegalArgumentException("retryFirstConnect needs an enabled reconnect policy");
    }
    if (clientId.isEmpty() && !cleanStart && !version.isMqtt5()) {
      throw new IllegalArgumentException(
          "MQTT " + version + " needs a client id for a persistent session [MQTT-3.1.3-7]");
    }
    return new MqttClientOptions(this, List.copyOf(checked));
  }

  /**
   * Builds the client; it does not connect until {@link MqttClient#connect()}. TLS key material is
   * loaded here.
   *
   * @throws java.io.UncheckedIOException when a TLS file is missing, malformed, or its password wrong
   */
  public MqttClient build() {
    return new NettyMqttClient(buildOptions());
  }
}
