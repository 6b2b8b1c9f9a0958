package dev.mqttbridge.mqtt.broker;

import dev.mqttbridge.mqtt.internal.broker.BrokerCore;
import dev.mqttbridge.mqtt.internal.broker.BrokerCounters;
import dev.mqttbridge.mqtt.internal.broker.BrokerSettings;
import dev.mqttbridge.mqtt.internal.broker.SystemTopics;
import dev.mqttbridge.mqtt.internal.broker.netty.NettyTransport;
import dev.mqttbridge.mqtt.internal.broker.netty.TransportLimits;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable MQTT broker for MQTT 3.1, 3.1.1 and 5.0 clients at once.
 *
 * <pre>{@code
 * try (MqttBroker broker = MqttBroker.builder().port(0).build().start()) {
 *   String uri = broker.uri(); // tcp://127.0.0.1:54321
 * }
 * }</pre>
 *
 * <p>Sessions, subscriptions, retained messages and queues are kept in memory and lost when the
 * broker stops. See {@link Builder} for the limits and hooks, {@link OfflineQueuePolicy} for full
 * queues, and the package documentation for how overlapping and shared subscriptions are served.
 *
 * <p>A broken or hostile client cannot grow the broker's memory or stall other clients: packets
 * above {@link Builder#maximumPacketSize} are refused from their fixed header, before the body is
 * buffered; malformed packets end the connection (MQTT 5: DISCONNECT with the reason code); the
 * CONNECT must arrive within {@link Builder#connectTimeout}; a client that does not read what it
 * is sent, or sends faster than the broker handles, is no longer read until it catches up (TCP
 * pushes back on it); QoS 0 messages for a subscriber that cannot keep up (more than {@link
 * Builder#outboundBufferLimit} bytes waiting) are dropped, QoS 1 and 2 wait within {@link
 * Builder#receiveMaximum} and {@link Builder#maxQueuedMessages}; messages routed to a session
 * wait for its thread only up to its queue plus its Receive Maximum: beyond that QoS 0 is
 * dropped and QoS 1 and 2 publishers are no longer read until it has caught up; at most {@link
 * Builder#maxConnections} connections are open at once. Every drop is counted in {@link
 * BrokerMetrics#messagesDropped()}.
 *
 * <p>Thread-safe; {@link #start()} once, {@link #close()} any number of times.
 */
public final class MqttBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  /**
   * Packets of one connection that may wait for its session thread before the connection is no
   * longer read: enough to keep a fast client busy, few enough that a flood stays small.
   */
  private static final int MAX_PENDING_PACKETS = 128;

  private final BrokerSettings settings;
  private final TransportLimits limits;
  private final List<MqttListener> listeners;
  private final String name;
  private final Duration systemTopicsInterval;
  private BrokerCore core;
  private NettyTransport transport;
  private SystemTopics systemTopics;
  private List<InetSocketAddress> bound = List.of();
  private boolean closed;

  private MqttBroker(Builder builder) {
    this.settings = new BrokerSettings(builder.maxKeepAlive, builder.maximumPacketSize,
        builder.receiveMaximum, builder.topicAliasMaximum, builder.maxQueuedMessages,
        builder.queuePolicy, builder.authenticator, builder.authorizer,
        builder.enhancedAuthenticator, builder.responseInformation, builder.clock);
    this.limits = new TransportLimits(builder.connectTimeout, builder.maxConnections,
        MAX_PENDING_PACKETS, builder.outboundBufferBytes);
    this.listeners = builder.listeners.isEmpty()
        ? List.of(MqttListener.tcp(builder.host, builder.port)) : List.copyOf(builder.listeners);
    this.name = "mqtt-broker-" + INSTANCES.incrementAndGet();
    this.systemTopicsInterval = builder.systemTopicsInterval;
  }

  /** A builder with the defaults: 127.0.0.1:1883, no authentication, everything allowed. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the listeners and starts accepting connections.
   *
   * @return this broker
   * @throws IllegalStateException if already started or closed, or a listener cannot bind (the
   *     cause says why)
   */
  public synchronized MqttBroker start() {
    if (core != null || closed) {
      throw new IllegalStateException("The broker can be started once");
    }
    core = new BrokerCore(settings, name, true);
    transport = new NettyTransport(core, settings, limits, name);
    try {
      bound = List.copyOf(transport.bind(listeners));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("Interrupted while binding", e);
    } catch (Exception e) { // Netty rethrows the checked BindException undeclared
      close();
      // Other than a socket failure, a TLS identity that cannot be loaded (its file named).
      throw new IllegalStateException((e instanceof SocketException ? "Cannot bind "
          : "Cannot start ") + listeners + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < bound.size(); i++) {
      LOG.info("MQTT broker listening on {}://{}:{}{}", listeners.get(i).scheme(),
          hostForUri(bound.get(i).getHostString()), bound.get(i).getPort(),
          listeners.get(i).uriPath());
    }
    if (!systemTopicsInterval.isZero()) {
      systemTopics = new SystemTopics(core, this::metrics, systemTopicsInterval, name);
    }
    return this;
  }

  /**
   * The port of the first listener, as bound (useful with port 0).
   *
   * @throws IllegalStateException if not started
   */
  public synchronized int port() {
    return firstAddress().getPort();
  }

  /** The host of the first listener, as configured. */
  public String host() {
    return listeners.get(0).host();
  }

  /**
   * The first listener's URI: {@code tcp://host:port}, {@code ssl://host:port}, {@code
   * ws://host:port/mqtt} or {@code wss://host:port/mqtt}.
   */
  public synchronized String uri() {
    return uri(0);
  }

  /**
   * The URI of the listener at this index, in configuration order, as clients connect to it:
   * {@code tcp://host:port}, {@code ssl://host:port}, {@code ws://host:port/mqtt} or {@code
   * wss://host:port/mqtt}.
   *
   * @throws IllegalStateException if not started
   * @throws IndexOutOfBoundsException if there is no such listener
   */
  public synchronized String uri(int listener) {
    firstAddress();
    return listeners.get(listener).scheme() + "://" + hostForUri(listeners.get(listener).host())
        + ":" + bound.get(listener).getPort() + listeners.get(listener).uriPath();
  }

  /** Every listener's bound address, in the order the listeners were configured. */
  public synchronized List<InetSocketAddress> boundAddresses() {
    return bound;
  }

  /** The listening sockets' channel types: which socket transport the broker runs on (tests). */
  synchronized List<Class<? extends Channel>> listenerChannelTypes() {
    return transport == null ? List.of() : transport.listenerChannelTypes();
  }

  /** Connections open now, including those that have not completed CONNECT. */
  public synchronized int connectionCount() {
    return transport == null ? 0 : transport.connectionCount();
  }

  /** What the broker has done since it started ({@link BrokerMetrics#NONE} before start). */
  public BrokerMetrics metrics() {
    BrokerCore started;
    NettyTransport network;
    synchronized (this) {
      started = core;
      network = transport;
    }
    if (started == null) {
      return BrokerMetrics.NONE;
    }
    BrokerCounters counters = started.counters();
    return new BrokerMetrics(network == null ? 0 : network.connectionCount(),
        counters.connectedClients(), counters.messagesReceived(), counters.messagesSent(),
        counters.messagesDropped(), counters.bytesReceived(), counters.bytesSent(),
        started.retained().size(), started.subscriptionCount());
  }

  /** Messages dropped because a session's queue was full (see {@link OfflineQueuePolicy}). */
  public synchronized long droppedMessageCount() {
    return core == null ? 0 : core.droppedMessages();
  }

  /** Stops listening, closes every connection and stops the broker's threads. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (systemTopics != null) {
      systemTopics.close();
    }
    if (transport != null) {
      transport.close();
    }
    if (core != null) {
      core.close();
    }
    LOG.debug("Broker {} stopped", name);
  }

  private InetSocketAddress firstAddress() {
    if (bound.isEmpty()) {
      throw new IllegalStateException("The broker is not started");
    }
    return bound.get(0);
  }

  private static String hostForUri(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Configures an {@link MqttBroker}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 1883;
    private final List<MqttListener> listeners = new ArrayList<>();
    private int maxKeepAlive = 65_535;
    private int maximumPacketSize = 16 * 1024 * 1024;
    private int receiveMaximum = 1_000;
    private int topicAliasMaximum = 64;
    private int maxQueuedMessages = 10_000;
    private OfflineQueuePolicy queuePolicy = OfflineQueuePolicy.DROP_NEWEST;
    private Authenticator authenticator = Authenticator.ALLOW_ALL;
    private Authorizer authorizer = Authorizer.ALLOW_ALL;
    private EnhancedAuthenticator enhancedAuthenticator;
    private String responseInformation;
    private Clock clock = Clock.systemUTC();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int maxConnections = 10_000;
    private int outboundBufferBytes = 1024 * 1024;
    private Duration systemTopicsInterval = Duration.ZERO;

    private Builder() {}

    /** The address of the default listener (default {@code 127.0.0.1}: loopback only). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port of the default listener (default 1883; 0: a free port, see {@link #port()}). */
    public Builder port(int port) {
      MqttListener.tcp(host, port); // validates
      this.port = port;
      return this;
    }

    /**
     * Adds a listener. Once one is added, {@link #host(String)} and {@link #port(int)} no longer
     * make a default listener.
     */
    public Builder listener(MqttListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The largest keep alive accepted, in seconds (default 65,535: any). MQTT 5 clients asking
     * for more, or for none (0), are told this value as Server Keep Alive; MQTT 3.x clients are
     * refused (CONNACK return code 2), as Mosquitto does.
     */
    public Builder maxKeepAlive(int seconds) {
      this.maxKeepAlive = range("maxKeepAlive", seconds, 1, 65_535);
      return this;
    }

    /**
     * The largest packet accepted, in bytes (default 16 MiB); larger ones close the connection
     * (MQTT 5: DISCONNECT {@code 0x95}). Sent to MQTT 5 clients as Maximum Packet Size.
     */
    public Builder maximumPacketSize(int bytes) {
      this.maximumPacketSize = range("maximumPacketSize", bytes, 16, 268_435_460);
      return this;
    }

    /**
     * How many QoS 1 and 2 publishes a client may have unacknowledged towards the broker (default
     * 1,000; MQTT 5 Receive Maximum; exceeding it closes with {@code 0x93}). Also the broker's cap
     * on unacknowledged publishes towards MQTT 3.x clients, which have no Receive Maximum.
     */
    public Builder receiveMaximum(int count) {
      this.receiveMaximum = range("receiveMaximum", count, 1, 65_535);
      return this;
    }

    /** How many topic aliases an MQTT 5 client may use towards the broker (default 64; 0: none). */
    public Builder topicAliasMaximum(int count) {
      this.topicAliasMaximum = range("topicAliasMaximum", count, 0, 65_535);
      return this;
    }

    /**
     * How many QoS 1 and 2 messages each session may hold waiting for delivery (default 10,000):
     * while its client is offline, or while the client's Receive Maximum is used up.
     */
    public Builder maxQueuedMessages(int count) {
      this.maxQueuedMessages = range("maxQueuedMessages", count, 0, Integer.MAX_VALUE);
      return this;
    }

    /** What a full session queue drops (default {@link OfflineQueuePolicy#DROP_NEWEST}). */
    public Builder offlineQueuePolicy(OfflineQueuePolicy policy) {
      this.queuePolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The user name / password check (default: everyone allowed, anonymous too). */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** The publish / subscribe decisions (default: everything allowed). */
    public Builder authorizer(Authorizer authorizer) {
      this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /** The MQTT 5 enhanced authentication hook (default: none; such CONNECTs get 0x8C). */
    public Builder enhancedAuthenticator(EnhancedAuthenticator enhancedAuthenticator) {
      this.enhancedAuthenticator = enhancedAuthenticator;
      return this;
    }

    /**
     * Answers MQTT 5 clients that request response information with this prefix followed by
     * their client identifier, for example {@code "response/"} (default: no answer).
     */
    public Builder responseInformation(String prefix) {
      this.responseInformation = prefix;
      return this;
    }

    /**
     * How long a new connection has to deliver its whole CONNECT packet, counted from the TCP
     * accept (default 10 seconds); then it is closed. Sending it byte by byte does not extend it.
     * After CONNECT, a half-sent packet is bounded by the keep alive (1.5 times it).
     */
    public Builder connectTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException("connectTimeout must be at least 1 ms: " + timeout);
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * How many connections may be open at once over all listeners (default 10,000); further
     * ones are closed as soon as they are accepted, before any byte is read.
     */
    public Builder maxConnections(int count) {
      this.maxConnections = range("maxConnections", count, 1, Integer.MAX_VALUE);
      return this;
    }

    /**
     * How many bytes of outgoing packets may wait for one client that reads slower than it is
     * sent to (default 1 MiB). Above it the client counts as a slow reader: QoS 0 messages to it
     * are dropped (counted in {@link BrokerMetrics#messagesDropped()}) and what it sends is no
     * longer read, until half of it has been written. Larger values ride out longer QoS 0
     * bursts at the cost of up to this much memory per slow client.
     */
    public Builder outboundBufferLimit(int bytes) {
      this.outboundBufferBytes = range("outboundBufferLimit", bytes, 2 * 1024, 1 << 30);
      return this;
    }

    /**
     * Publishes {@link #metrics()} as retained QoS 0 messages under {@code $SYS/broker/} every
     * {@code interval} (default {@link Duration#ZERO}: off). The topics, with Mosquitto's names:
     * {@code uptime}, {@code clients/connected}, {@code connections/open}, {@code
     * messages/received}, {@code messages/sent}, {@code messages/dropped}, {@code bytes/received},
     * {@code bytes/sent}, {@code retained messages/count}, {@code subscriptions/count}. Wildcard
     * filters starting with {@code #} or {@code +} do not match them [MQTT-4.7.2-1]: subscribe
     * to {@code $SYS/#}. The {@link #authorizer} decides who may read them.
     */
    public Builder systemTopicsInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || (!interval.isZero() && interval.toMillis() < 100)) {
        throw new IllegalArgumentException("systemTopicsInterval: 0 (off) or >= 100 ms: "
            + interval);
      }
      this.systemTopicsInterval = interval;
      return this;
    }

    /** The clock for message expiry, session expiry and will delays (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The broker, not yet started. */
    public MqttBroker build() {
      return new MqttBroker(this);
    }

    private static int range(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " out of range " + min + ".." + max + ": " + value);
      }
      return value;
    }
  }
}
