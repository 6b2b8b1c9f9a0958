package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The immutable settings of a client, as {@link MqttClientBuilder} validated them; see the builder
 * for meanings and defaults. {@link #toString()} never shows the password.
 */
public final class MqttClientOptions {

  private final List<URI> serverUris;
  private final MqttVersion version;
  private final String clientId;
  private final boolean cleanStart;
  private final long sessionExpiryInterval;
  private final int keepAliveSeconds;
  private final Duration connectTimeout;
  private final String username;
  private final byte[] password;
  private final MqttWill will;
  private final int receiveMaximum;
  private final int maximumPacketSize;
  private final int topicAliasMaximum;
  private final boolean assignTopicAliases;
  private final boolean requestResponseInformation;
  private final boolean requestProblemInformation;
  private final List<MqttUserProperty> userProperties;
  private final MqttReconnectPolicy reconnectPolicy;
  private final int inflightWindow;
  private final int maximumPendingPublishes;
  private final int maximumWaitingPublishes;
  private final int maximumQueuedQos0Messages;
  private final Executor callbackExecutor;
  private final boolean manualAcknowledgement;
  private final MqttSessionLostPolicy sessionLostPolicy;
  private final MqttMessageHandler defaultHandler;
  private final MqttTlsConfig tls;
  private final MqttServerSelection serverSelection;
  private final Map<String, String> webSocketHeaders;
  private final MqttEnhancedAuthenticator enhancedAuthenticator;
  private final MqttConnectionListener connectionListener;
  private final boolean retryFirstConnect;

  MqttClientOptions(MqttClientBuilder b, List<URI> serverUris) {
    this.serverUris = serverUris;
    this.version = b.version;
    this.clientId = b.clientId;
    this.cleanStart = b.cleanStart;
    this.sessionExpiryInterval = b.sessionExpiryInterval;
    this.keepAliveSeconds = b.keepAliveSeconds;
    this.connectTimeout = b.connectTimeout;
    this.username = b.username;
    this.password = b.password == null ? null : b.password.clone();
    this.will = b.will;
    this.receiveMaximum = b.receiveMaximum;
    this.maximumPacketSize = b.maximumPacketSize;
    this.topicAliasMaximum = b.topicAliasMaximum;
    this.assignTopicAliases = b.assignTopicAliases;
    this.requestResponseInformation = b.requestResponseInformation;
    this.requestProblemInformation = b.requestProblemInformation;
    this.userProperties = b.userProperties;
    this.reconnectPolicy = b.reconnectPolicy;
    this.inflightWindow = b.inflightWindow;
    this.maximumPendingPublishes = b.maximumPendingPublishes;
    this.maximumWaitingPublishes = b.maximumWaitingPublishes;
    this.maximumQueuedQos0Messages = b.maximumQueuedQos0Messages;
    this.callbackExecutor = b.callbackExecutor;
    this.manualAcknowledgement = b.manualAcknowledgement;
    this.sessionLostPolicy = b.sessionLostPolicy;
    this.defaultHandler = b.defaultHandler;
    this.tls = b.tls;
    this.serverSelection = b.serverSelection;
    this.webSocketHeaders = b.webSocketHeaders;
    this.enhancedAuthenticator = b.enhancedAuthenticator;
    this.connectionListener = b.connectionListener;
    this.retryFirstConnect = b.retryFirstConnect;
  }

  /** See {@link MqttClientBuilder#connectionListener}. */
  public Optional<MqttConnectionListener> connectionListener() {
    return Optional.ofNullable(connectionListener);
  }

  /** See {@link MqttClientBuilder#retryFirstConnect}. */
  public boolean retryFirstConnect() {
    return retryFirstConnect;
  }

  /** The TLS settings for {@code ssl://} servers, if set; else the JDK's trusted CAs apply. */
  public Optional<MqttTlsConfig> tls() {
    return Optional.ofNullable(tls);
  }

  /** The MQTT 5 enhanced authenticator, if set. */
  public Optional<MqttEnhancedAuthenticator> enhancedAuthenticator() {
    return Optional.ofNullable(enhancedAuthenticator);
  }

  /** Extra headers of the WebSocket upgrade request. */
  public Map<String, String> webSocketHeaders() {
    return webSocketHeaders;
  }

  /** How the server URIs are ordered on each round of connection attempts. */
  public MqttServerSelection serverSelection() {
    return serverSelection;
  }

  /** The server URIs, tried as {@link #serverSelection()} says. */
  public List<URI> serverUris() {
    return serverUris;
  }

  /** The protocol version. */
  public MqttVersion version() {
    return version;
  }

  /** The configured client id; empty when the server is to assign one. */
  public String clientId() {
    return clientId;
  }

  /** Clean start (5.0, first connect) / clean session (3.x). */
  public boolean cleanStart() {
    return cleanStart;
  }

  /** MQTT 5 session expiry interval in seconds. */
  public long sessionExpiryInterval() {
    return sessionExpiryInterval;
  }

  /** Keep alive in seconds (0: off). */
  public int keepAliveSeconds() {
    return keepAliveSeconds;
  }

  /** How long to wait for the TCP connection and the CONNACK. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The user name, if any. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** A copy of the password bytes, or {@code null}. */
  public byte[] password() {
    return password == null ? null : password.clone();
  }

  /** The will, if any. */
  public Optional<MqttWill> will() {
    return Optional.ofNullable(will);
  }

  /** Unacknowledged received QoS 1 and 2 messages allowed at once. */
  public int receiveMaximum() {
    return receiveMaximum;
  }

  /** The largest packet the client accepts, in bytes. */
  public int maximumPacketSize() {
    return maximumPacketSize;
  }

  /** MQTT 5 topic aliases the server may use towards us. */
  public int topicAliasMaximum() {
    return topicAliasMaximum;
  }

  /** Whether outgoing topics get aliases. */
  public boolean assignTopicAliases() {
    return assignTopicAliases;
  }

  /** MQTT 5 request response information. */
  public boolean requestResponseInformation() {
    return requestResponseInformation;
  }

  /** MQTT 5 request problem information. */
  public boolean requestProblemInformation() {
    return requestProblemInformation;
  }

  /** MQTT 5 user properties of CONNECT. */
  public List<MqttUserProperty> userProperties() {
    return userProperties;
  }

  /** The automatic reconnect policy. */
  public MqttReconnectPolicy reconnectPolicy() {
    return reconnectPolicy;
  }

  /** Most QoS 1 and 2 publishes inflight (the server may lower it). */
  public int inflightWindow() {
    return inflightWindow;
  }

  /** Most publishes waiting for the window or a connection. */
  public int maximumPendingPublishes() {
    return maximumPendingPublishes;
  }

  /** Most {@code publishWhenRoom} publishes waiting for room in the pending queue. */
  public int maximumWaitingPublishes() {
    return maximumWaitingPublishes;
  }

  /** Most received QoS 0 messages waiting for handlers. */
  public int maximumQueuedQos0Messages() {
    return maximumQueuedQos0Messages;
  }

  /** The configured callback executor; empty when the client owns its own thread. */
  public Optional<Executor> callbackExecutor() {
    return Optional.ofNullable(callbackExecutor);
  }

  /** Whether the application acknowledges received messages. */
  public boolean manualAcknowledgement() {
    return manualAcknowledgement;
  }

  /** What happens to unacknowledged publishes when the session is lost. */
  public MqttSessionLostPolicy sessionLostPolicy() {
    return sessionLostPolicy;
  }

  /** The handler for messages no subscription matches, if any. */
  public Optional<MqttMessageHandler> defaultHandler() {
    return Optional.ofNullable(defaultHandler);
  }

  /** The settings without the password. */
  @Override
  public String toString() {
    return "MqttClientOptions{serverUris=" + serverUris + ", version=" + version
        + ", clientId='" + clientId + "', cleanStart=" + cleanStart
        + ", sessionExpiryInterval=" + sessionExpiryInterval + ", keepAlive=" + keepAliveSeconds
        + ", username=" + username + ", password=" + (password == null ? "none" : "***")
        + ", will=" + (will != null) + ", receiveMaximum=" + receiveMaximum
        + ", inflightWindow=" + inflightWindow + ", maximumPendingPublishes="
        + maximumPendingPublishes + ", maximumWaitingPublishes=" + maximumWaitingPublishes
        + ", manualAcknowledgement=" + manualAcknowledgement
        + ", sessionLostPolicy=" + sessionLostPolicy + ", reconnect=" + reconnectPolicy + ", tls=" + tls
        + "}";
  }
}
