package dev.mqttbridge.mqtt.internal.broker.session;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.internal.broker.ClientConnection;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One client's session state (section 4.1) and its outgoing QoS flows. Touched only on the client's
 * session thread (see {@code SessionLoops}); {@link #isConnected()} alone may be read from
 * anywhere, as a hint for shared subscription balancing.
 *
 * <p>Session-scoped state survives connections: subscriptions, unacknowledged outgoing messages,
 * the queue, and the identifiers of incoming QoS 2 messages waiting for PUBREL. Connection-scoped
 * state (the connection and the client's Receive Maximum) is replaced on each {@link #attach}.
 */
public final class Session {

  /** The Session Expiry Interval that means "never expires" (0xFFFFFFFF, section 3.1.2.11.2). */
  public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

  private final String clientId;
  private final MessageQueue queue;
  private final LongSupplier clock;
  private final Consumer<OutgoingMessage> dropped;
  private final DeliveryBacklog backlog;

  // Session-scoped.
  private final Map<String, SessionSubscription> subscriptions = new LinkedHashMap<>();
  private final LinkedHashMap<Integer, InflightMessage> inflight = new LinkedHashMap<>();
  private final Set<Integer> incomingQos2 = new HashSet<>();
  private int lastPacketId;
  private long expiryInterval;
  private PendingWill pendingWill;
  private long expiresAtMillis = -1;

  // Connection-scoped.
  private ClientConnection connection;
  private SessionOwner owner;
  /** Inflight messages of an earlier connection not yet resent on this one, in order. */
  private final ArrayDeque<Integer> pendingResend = new ArrayDeque<>();
  private int clientReceiveMaximum;
  private OutboundTopicAliases aliases = new OutboundTopicAliases(0);
  private volatile boolean connected;

  /**
   * A new, empty session.
   *
   * @param clientId the client identifier
   * @param queue its queue of waiting messages
   * @param clock milliseconds on the broker's clock
   * @param dropped told about every message the session could not keep (queue full)
   * @param backlogLimit messages routed to the session that may wait for its thread
   */
  public Session(String clientId, MessageQueue queue, LongSupplier clock,
      Consumer<OutgoingMessage> dropped, int backlogLimit) {
    this.clientId = clientId;
    this.queue = queue;
    this.clock = clock;
    this.dropped = dropped;
    this.backlog = new DeliveryBacklog(backlogLimit);
  }

  public String clientId() {
    return clientId;
  }

  /** Seconds the session outlives its connection; {@link #NEVER_EXPIRES} for ever. */
  public long expiryInterval() {
    return expiryInterval;
  }

  public void expiryInterval(long seconds) {
    this.expiryInterval = seconds;
  }

  /** Subscriptions by topic filter text (share prefix included). Mutable, session thread only. */
  public Map<String, SessionSubscription> subscriptions() {
    return subscriptions;
  }

  /** Packet identifiers of incoming QoS 2 messages received and not yet released by PUBREL. */
  public Set<Integer> incomingQos2() {
    return incomingQos2;
  }

  /** Messages routed here and waiting for this session's thread; safe to use from any thread. */
  public DeliveryBacklog backlog() {
    return backlog;
  }

  /** Whether a connection is attached; safe to read from any thread. */
  public boolean isConnected() {
    return connected;
  }

  /** The attached connection, or {@code null}. */
  public ClientConnection connection() {
    return connection;
  }

  /** The owner of the attached connection, or {@code null}. */
  public SessionOwner owner() {
    return owner;
  }

  /** A will waiting for its delay while the session is not connected, or {@code null}. */
  public PendingWill pendingWill() {
    return pendingWill;
  }

  public void pendingWill(PendingWill will) {
    this.pendingWill = will;
  }

  /** When the session expires while not connected, on the broker's clock, or -1. */
  public long expiresAtMillis() {
    return expiresAtMillis;
  }

  public void expiresAtMillis(long millis) {
    this.expiresAtMillis = millis;
  }

  /**
   * Attaches a new connection; call {@link #resume()} after CONNACK is sent.
   *
   * @param clientReceiveMaximum how many QoS 1 and 2 publishes the client takes unacknowledged
   * @param clientTopicAliasMaximum how many topic aliases the client accepts (0 for 3.x)
   */
  public void attach(ClientConnection connection, int clientReceiveMaximum,
      int clientTopicAliasMaximum, SessionOwner owner) {
    this.pendingResend.clear();
    this.aliases = new OutboundTopicAliases(clientTopicAliasMaximum);
    this.connection = connection;
    this.owner = owner;
    this.clientReceiveMaximum = clientReceiveMaximum;
    this.connected = true;
  }

  /** Detaches the connection; messages now wait in the queue. */
  public void detach() {
    this.pendingResend.clear();
    this.connection = null;
    this.owner = null;
    this.connected = false;
  }

  /**
   * Resends the unacknowledged messages in their original order, PUBLISH with DUP=1 or PUBREL
   * after a PUBREC [MQTT-4.4.0-1, MQTT-4.6.0-1], then what the queue holds; all within the new
   * connection's Receive Maximum [MQTT-3.3.4-9], the rest as acknowledgements free it up.
   */
  public void resume() {
    pendingResend.clear();
    pendingResend.addAll(inflight.keySet());
    fill();
  }

  /**
   * Takes a message for delivery: sends it at once if connected and the client's Receive Maximum
   * allows, queues QoS 1 and 2 otherwise; QoS 0 is not kept for a client that is not connected.
   */
  public void deliver(OutgoingMessage message) {
    long now = clock.getAsLong();
    if (message.isExpired(now)) {
      return;
    }
    if (message.message().qos() == MqttQos.AT_MOST_ONCE) {
      if (connection != null) {
        send(aliases.packet(message.messageAt(now), 0, false, message.subscriptionIdentifiers()));
      }
      return;
    }
    if (connection != null && hasSendQuota() && pendingResend.isEmpty() && queue.size() == 0) {
      sendNew(message);
      return;
    }
    OutgoingMessage lost = queue.offer(message);
    if (lost != null) {
      dropped.accept(lost);
    }
  }

  /** PUBACK or PUBCOMP: the flow of this packet identifier is complete. */
  public void completed(int packetId) {
    if (inflight.remove(packetId) != null) {
      pendingResend.remove(packetId);
      fill();
    }
  }

  /**
   * PUBREC: answered with PUBREL [MQTT-4.3.3-3], or ends the flow when its reason code is an error
   * (MQTT 5, section 4.3.3).
   */
  public void received(int packetId, boolean error) {
    InflightMessage message = inflight.get(packetId);
    if (message == null) {
      if (connection != null && !error) {
        // Unknown identifier: still release it, so the client's state cannot get stuck.
        connection.send(PubrelPacket.of(packetId));
      }
      return;
    }
    pendingResend.remove(packetId);
    if (error) {
      inflight.remove(packetId);
      fill();
      return;
    }
    inflight.put(packetId, message.asReleased());
    if (connection != null) {
      connection.send(PubrelPacket.of(packetId));
    }
  }

  /**
   * Ends the session and hands back what a shared subscription may give another member: queued
   * messages (delivery never started) and unacknowledged QoS 1 messages [MQTT-4.8.2 QoS 1 rule].
   * A QoS 2 message already sent is not handed back: it MUST NOT go to another client once this
   * session ends [MQTT-4.8.2-5].
   */
  public List<OutgoingMessage> end() {
    List<OutgoingMessage> undelivered = new ArrayList<>();
    for (InflightMessage message : inflight.values()) {
      if (message.message().message().qos() == MqttQos.AT_LEAST_ONCE) {
        undelivered.add(message.message());
      }
    }
    inflight.clear();
    undelivered.addAll(queue.drain());
    incomingQos2.clear();
    subscriptions.clear();
    detach();
    return undelivered;
  }

  /** Unacknowledged outgoing messages, for tests and diagnostics. */
  public Collection<InflightMessage> inflight() {
    return List.copyOf(inflight.values());
  }

  /** Queued messages, for tests and diagnostics. */
  public int queued() {
    return queue.size();
  }

  private void fill() {
    while (connection != null && hasSendQuota()) {
      Integer resend = pendingResend.poll();
      if (resend != null) {
        InflightMessage message = inflight.get(resend);
        if (message.released()) {
          connection.send(PubrelPacket.of(resend));
        } else {
          sendPublish(resend, message.message(), true);
        }
        continue;
      }
      OutgoingMessage next = queue.poll();
      if (next == null) {
        return;
      }
      if (!next.isExpired(clock.getAsLong())) {
        sendNew(next);
      }
    }
  }

  /** Unacknowledged messages sent on this connection are below the client's Receive Maximum. */
  private boolean hasSendQuota() {
    return inflight.size() - pendingResend.size() < clientReceiveMaximum;
  }

  private void sendNew(OutgoingMessage message) {
    int packetId = nextPacketId();
    inflight.put(packetId, new InflightMessage(packetId, message, false));
    sendPublish(packetId, message, false);
  }

  private void sendPublish(int packetId, OutgoingMessage message, boolean duplicate) {
    long now = clock.getAsLong();
    if (message.isExpired(now)) {
      inflight.remove(packetId);
      return;
    }
    PublishPacket packet = aliases.packet(message.messageAt(now), packetId, duplicate,
        message.subscriptionIdentifiers());
    if (!send(packet)) {
      // Too large for the client: discarded as if delivered [MQTT-3.1.2-25].
      inflight.remove(packetId);
    }
  }

  private boolean send(PublishPacket packet) {
    boolean sent = connection.send(packet);
    if (sent) {
      aliases.sent(packet);
    }
    return sent;
  }

  private int nextPacketId() {
    // Identifiers in use are skipped; the Receive Maximum keeps far fewer than 65,535 in flight.
    do {
      lastPacketId = lastPacketId == 65_535 ? 1 : lastPacketId + 1;
    } while (inflight.containsKey(lastPacketId));
    return lastPacketId;
  }
}
