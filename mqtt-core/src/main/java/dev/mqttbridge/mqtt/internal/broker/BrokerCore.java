package dev.mqttbridge.mqtt.internal.broker;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.broker.retained.InMemoryRetainedMessageStore;
import dev.mqttbridge.mqtt.internal.broker.retained.RetainedMessageStore;
import dev.mqttbridge.mqtt.internal.broker.routing.Router;
import dev.mqttbridge.mqtt.internal.broker.session.InMemorySessionStore;
import dev.mqttbridge.mqtt.internal.broker.session.OutgoingMessage;
import dev.mqttbridge.mqtt.internal.broker.session.SessionStore;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker without its transport: sessions, routing, retained messages and timers, all plain
 * Java. A transport hands each new connection's CONNECT to {@link #open} and every later packet to
 * the returned {@link ClientProtocol}.
 */
public final class BrokerCore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerCore.class);

  private final BrokerSettings settings;
  private final LongSupplier clock;
  private final SessionLoops loops;
  private final SessionStore sessions = new InMemorySessionStore();
  private final RetainedMessageStore retained = new InMemoryRetainedMessageStore();
  private final Router router;
  private final ScheduledExecutorService timer;
  private final Deadlines deadlines;
  private final SessionLifecycle lifecycle;
  private final LongAdder droppedMessages = new LongAdder();
  private final BrokerCounters counters = new BrokerCounters();

  /**
   * Starts the core's threads.
   *
   * @param settings the configuration
   * @param name names the threads
   * @param withTicker false in unit tests that drive {@link #deadlines()} by hand
   */
  public BrokerCore(BrokerSettings settings, String name, boolean withTicker) {
    this.settings = settings;
    this.clock = settings.clock()::millis;
    this.loops = new SessionLoops(Math.max(2, Runtime.getRuntime().availableProcessors()), name);
    this.router = new Router(sessions, loops, retained, settings.authorizer(), clock,
        this::dropped);
    this.timer = withTicker
        ? Executors.newSingleThreadScheduledExecutor(SessionLoops.daemon(name + "-timer")) : null;
    this.deadlines = new Deadlines(clock,
        clientId -> loops.loopFor(clientId).execute(() -> lifecycle().checkDeadlines(clientId)),
        timer, 100);
    this.lifecycle = new SessionLifecycle(settings, sessions, router, deadlines, clock,
        this::dropped);
  }

  /**
   * A connection sent its CONNECT (already decoded and well formed). Assigns a client identifier
   * when the client sent none and may have one [MQTT-3.1.3-6], then processes the CONNECT on the
   * client's session thread.
   *
   * @return the protocol handler for the connection's later packets
   */
  public ClientProtocol open(ClientConnection connection, ConnectPacket connect) {
    String clientId = connect.clientId();
    boolean assigned = false;
    if (clientId.isEmpty()
        && (connect.version() == MqttVersion.V5
            || (connect.version() == MqttVersion.V3_1_1 && connect.cleanStart()))) {
      clientId = "auto-" + UUID.randomUUID();
      assigned = true;
    }
    ClientProtocol protocol = new ClientProtocol(this, connection, loops.loopFor(clientId),
        clientId, assigned);
    protocol.received(connect);
    return protocol;
  }

  /** Messages dropped because a session's queue or delivery backlog was full. */
  public long droppedMessages() {
    return droppedMessages.sum();
  }

  /** The running totals for metrics. */
  public BrokerCounters counters() {
    return counters;
  }

  /** Subscriptions indexed: direct ones plus shared groups. */
  public int subscriptionCount() {
    return router.indexedCount();
  }

  /**
   * Publishes a message from the broker itself (no publishing client), e.g. a {@code $SYS}
   * topic; not counted as received.
   */
  public void publishOwn(MqttMessage message) {
    router.publish(message, null);
  }

  /** The timers; unit tests tick them by hand. */
  public Deadlines deadlines() {
    return deadlines;
  }

  /** The session store; for tests and diagnostics. */
  public SessionStore sessions() {
    return sessions;
  }

  /** The retained message store; for tests and diagnostics. */
  public RetainedMessageStore retained() {
    return retained;
  }

  /** The session threads; tests pick client identifiers on different threads with it. */
  SessionLoops loops() {
    return loops;
  }

  BrokerSettings settings() {
    return settings;
  }

  LongSupplier clock() {
    return clock;
  }

  Router router() {
    return router;
  }

  SessionLifecycle lifecycle() {
    return lifecycle;
  }

  private void dropped(OutgoingMessage message) {
    droppedMessages.increment();
    counters.messageDropped();
    LOG.debug("Session queue or backlog full: dropped a message on {}",
        message.message().topic());
  }

  @Override
  public void close() {
    deadlines.close();
    if (timer != null) {
      timer.shutdownNow();
    }
    loops.close();
  }
}
