package dev.mqttbridge.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options shared by the {@code mqtt} component and its endpoints. The component holds one
 * instance; each endpoint starts from a {@link #copy()} of it and applies its URI options on top.
 */
@UriParams
public class MqttConfiguration implements Cloneable {

  // common
  @UriParam(defaultValue = "tcp://localhost:1883")
  private String serverUris = "tcp://localhost:1883";
  @UriParam(defaultValue = "5", enums = "5,3.1.1,3.1")
  private String mqttVersion = "5";
  @UriParam
  private String clientId;
  @UriParam(defaultValue = "1", enums = "0,1,2")
  private int qos = 1;
  @UriParam(defaultValue = "true")
  private boolean cleanStart = true;
  @UriParam(defaultValue = "0")
  private long sessionExpiryInterval;
  @UriParam(defaultValue = "60")
  private int keepAliveInterval = 60;
  @UriParam(defaultValue = "30")
  private int connectionTimeout = 30;
  @UriParam(defaultValue = "true")
  private boolean automaticReconnect = true;
  @UriParam(defaultValue = "128000")
  private long maxReconnectDelay = 128_000;
  @UriParam(defaultValue = "1000")
  private int receiveMaximum = 1_000;

  // security
  @UriParam(label = "security", secret = true)
  private String userName;
  @UriParam(label = "security", secret = true)
  private String password;
  @UriParam(label = "security")
  private SSLContextParameters sslContextParameters;
  @UriParam(label = "security", defaultValue = "true")
  private boolean hostnameVerification = true;

  // will
  @UriParam(label = "common,will")
  private String willTopic;
  @UriParam(label = "common,will")
  private String willPayload;
  @UriParam(label = "common,will", defaultValue = "1", enums = "0,1,2")
  private int willQos = 1;
  @UriParam(label = "common,will")
  private boolean willRetained;
  @UriParam(label = "common,will", defaultValue = "0")
  private long willDelayInterval;

  // producer
  @UriParam(label = "producer")
  private boolean retained;
  @UriParam(label = "producer", defaultValue = "20000")
  private long requestTimeout = 20_000;
  @UriParam(label = "producer")
  private String responseTopic;

  // consumer
  @UriParam(label = "consumer")
  private boolean disableReplyTo;
  @UriParam(label = "consumer")
  private boolean brokerRedelivery;
  @UriParam(label = "consumer", defaultValue = "1000")
  private long redeliveryDelay = 1_000;
  @UriParam(label = "consumer", defaultValue = "3")
  private int maximumRedeliveries = 3;
  @UriParam(label = "consumer")
  private String deadLetterUri;

  /** A copy for an endpoint, so that its URI options leave the component's settings alone. */
  public MqttConfiguration copy() {
    try {
      return (MqttConfiguration) clone();
    } catch (CloneNotSupportedException e) {
      throw new RuntimeCamelException(e);
    }
  }

  public String getServerUris() {
    return serverUris;
  }

  /**
   * The broker URIs, comma separated (tcp://host:port; mqtt:// is a synonym). With
   * several, each connect and reconnect attempt tries them in order: a failover list.
   */
  public void setServerUris(String serverUris) {
    this.serverUris = serverUris;
  }

  public String getMqttVersion() {
    return mqttVersion;
  }

  /** The MQTT protocol version: 5, 3.1.1 or 3.1. */
  public void setMqttVersion(String mqttVersion) {
    this.mqttVersion = mqttVersion;
  }

  public String getClientId() {
    return clientId;
  }

  /**
   * The client identifier. Give each consumer and producer its own. When empty, a random one
   * (camel- and 16 hex digits) is used for the lifetime of the consumer or producer.
   */
  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public int getQos() {
    return qos;
  }

  /**
   * The QoS: the maximum QoS the consumer subscribes with, and the QoS the producer publishes with
   * (unless the CamelMqttQos header says otherwise).
   */
  public void setQos(int qos) {
    this.qos = qos;
  }

  public boolean isCleanStart() {
    return cleanStart;
  }

  /**
   * Clean start (MQTT 5) or clean session (3.1.1) on the first connect: false resumes the session
   * the broker holds for this client id, with its subscriptions and queued messages.
   */
  public void setCleanStart(boolean cleanStart) {
    this.cleanStart = cleanStart;
  }

  public long getSessionExpiryInterval() {
    return sessionExpiryInterval;
  }

  /**
   * MQTT 5 session expiry interval in seconds: how long the broker keeps the session after the
   * connection ends (0: it ends with the connection; 4294967295: never expires). A consumer that
   * must not lose messages while disconnected needs a fixed clientId and a value above 0.
   */
  public void setSessionExpiryInterval(long sessionExpiryInterval) {
    this.sessionExpiryInterval = sessionExpiryInterval;
  }

  public int getKeepAliveInterval() {
    return keepAliveInterval;
  }

  /** Keep alive interval in seconds (0 turns keep alive off). */
  public void setKeepAliveInterval(int keepAliveInterval) {
    this.keepAliveInterval = keepAliveInterval;
  }

  public int getConnectionTimeout() {
    return connectionTimeout;
  }

  /** How many seconds to wait for the TCP connection and the broker's CONNACK. */
  public void setConnectionTimeout(int connectionTimeout) {
    this.connectionTimeout = connectionTimeout;
  }

  public boolean isAutomaticReconnect() {
    return automaticReconnect;
  }

  /**
   * Whether to reconnect automatically when the connection is lost, waiting 1 s and doubling the
   * wait up to maxReconnectDelay. Subscriptions are made again when the broker lost the session;
   * the route keeps running meanwhile. It also covers the first connection: a consumer or producer
   * that cannot connect when it starts keeps trying in the background (its health check is DOWN
   * and says why; the producer fails exchanges until connected). When false, starting fails.
   */
  public void setAutomaticReconnect(boolean automaticReconnect) {
    this.automaticReconnect = automaticReconnect;
  }

  public long getMaxReconnectDelay() {
    return maxReconnectDelay;
  }

  /** The longest wait between reconnect attempts, in milliseconds. */
  public void setMaxReconnectDelay(long maxReconnectDelay) {
    this.maxReconnectDelay = maxReconnectDelay;
  }

  public int getReceiveMaximum() {
    return receiveMaximum;
  }

  /**
   * How many received QoS 1 and 2 messages may wait for their exchanges to complete, 1 to 65535.
   * Sent to an MQTT 5 broker as Receive Maximum; with 3.1.1 the client stops reading at this
   * bound.
   */
  public void setReceiveMaximum(int receiveMaximum) {
    this.receiveMaximum = receiveMaximum;
  }

  public String getUserName() {
    return userName;
  }

  /** The user name to authenticate with. */
  public void setUserName(String userName) {
    this.userName = userName;
  }

  public String getPassword() {
    return password;
  }

  /** The password to authenticate with. */
  public void setPassword(String password) {
    this.password = password;
  }

  public SSLContextParameters getSslContextParameters() {
    return sslContextParameters;
  }

  /**
   * TLS in Camel's standard form: trust (CA certificates), the client's own certificate for mutual
   * TLS, TLS versions. Needs TLS server URIs (ssl://, mqtts://, tls:// or wss://); a tcp:// URI
   * with this option set is refused rather than connected in plain text. Without it, TLS URIs
   * trust the JDK's default CAs.
   */
  public void setSslContextParameters(SSLContextParameters sslContextParameters) {
    this.sslContextParameters = sslContextParameters;
  }

  public boolean isHostnameVerification() {
    return hostnameVerification;
  }

  /**
   * Whether the broker's TLS certificate must name the host connected to. Turning it off lets any
   * certificate from a trusted CA impersonate the broker; the client logs a warning when it is off.
   */
  public void setHostnameVerification(boolean hostnameVerification) {
    this.hostnameVerification = hostnameVerification;
  }

  public String getWillTopic() {
    return willTopic;
  }

  /**
   * The topic of the will message, which the broker publishes when the connection ends without a
   * normal DISCONNECT. No will when empty.
   */
  public void setWillTopic(String willTopic) {
    this.willTopic = willTopic;
  }

  public String getWillPayload() {
    return willPayload;
  }

  /** The will message's payload, as UTF-8 text. */
  public void setWillPayload(String willPayload) {
    this.willPayload = willPayload;
  }

  public int getWillQos() {
    return willQos;
  }

  /** The will message's QoS. */
  public void setWillQos(int willQos) {
    this.willQos = willQos;
  }

  public boolean isWillRetained() {
    return willRetained;
  }

  /** Whether the will message is retained. */
  public void setWillRetained(boolean willRetained) {
    this.willRetained = willRetained;
  }

  public long getWillDelayInterval() {
    return willDelayInterval;
  }

  /** MQTT 5 will delay interval in seconds: how long the broker waits before publishing the will. */
  public void setWillDelayInterval(long willDelayInterval) {
    this.willDelayInterval = willDelayInterval;
  }

  public boolean isRetained() {
    return retained;
  }

  /** Whether the producer publishes retained messages (unless the CamelMqttRetained header says otherwise). */
  public void setRetained(boolean retained) {
    this.retained = retained;
  }

  public long getRequestTimeout() {
    return requestTimeout;
  }

  /**
   * InOut: how many milliseconds the producer waits for the reply before failing the exchange with
   * an ExchangeTimedOutException.
   */
  public void setRequestTimeout(long requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public String getResponseTopic() {
    return responseTopic;
  }

  /**
   * InOut: the MQTT 5 response topic the producer subscribes to and sends with each request. When
   * empty, camel/mqtt/reply/ followed by the producer's client id. Replies are matched by
   * correlation data.
   */
  public void setResponseTopic(String responseTopic) {
    this.responseTopic = responseTopic;
  }

  public boolean isDisableReplyTo() {
    return disableReplyTo;
  }

  /**
   * Whether the consumer ignores the MQTT 5 response topic of received messages. By default a
   * message carrying one is processed InOut and the result is published to that topic with the
   * message's correlation data.
   */
  public void setDisableReplyTo(boolean disableReplyTo) {
    this.disableReplyTo = disableReplyTo;
  }

  public boolean isBrokerRedelivery() {
    return brokerRedelivery;
  }

  /**
   * How the consumer treats a failed exchange. False (default): the route's error handler (for
   * example a dead letter channel) deals with the failure and the message is then acknowledged.
   * True: a failure the error handler left unhandled (or a rollback) leaves the message
   * unacknowledged, and after redeliveryDelay the consumer resumes its session on a new connection
   * so that the broker delivers it again; after maximumRedeliveries it goes to deadLetterUri and
   * is acknowledged. Needs a session that outlives the connection: sessionExpiryInterval above 0
   * (MQTT 5) or cleanStart=false (3.1.1, 3.1).
   */
  public void setBrokerRedelivery(boolean brokerRedelivery) {
    this.brokerRedelivery = brokerRedelivery;
  }

  public long getRedeliveryDelay() {
    return redeliveryDelay;
  }

  /** With brokerRedelivery: milliseconds to wait after a failure before resuming the session. */
  public void setRedeliveryDelay(long redeliveryDelay) {
    this.redeliveryDelay = redeliveryDelay;
  }

  public int getMaximumRedeliveries() {
    return maximumRedeliveries;
  }

  /**
   * With brokerRedelivery: how many times a failed message is redelivered before it is dead
   * lettered. MQTT has no delivery count, so the consumer counts failures per message (topic and
   * content) itself.
   */
  public void setMaximumRedeliveries(int maximumRedeliveries) {
    this.maximumRedeliveries = maximumRedeliveries;
  }

  public String getDeadLetterUri() {
    return deadLetterUri;
  }

  /**
   * With brokerRedelivery: the endpoint a message goes to once it failed maximumRedeliveries
   * times, with the exception in the CamelExceptionCaught property. When empty, the consumer's
   * exception handler logs it. The message is acknowledged once the dead letter endpoint took it.
   */
  public void setDeadLetterUri(String deadLetterUri) {
    this.deadLetterUri = deadLetterUri;
  }
}
