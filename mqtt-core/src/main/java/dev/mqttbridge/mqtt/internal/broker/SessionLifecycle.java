package dev.mqttbridge.mqtt.internal.broker;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.internal.broker.routing.Router;
import dev.mqttbridge.mqtt.internal.broker.session.BoundedMessageQueue;
import dev.mqttbridge.mqtt.internal.broker.session.OutgoingMessage;
import dev.mqttbridge.mqtt.internal.broker.session.PendingWill;
import dev.mqttbridge.mqtt.internal.broker.session.Session;
import dev.mqttbridge.mqtt.internal.broker.session.SessionOwner;
import dev.mqttbridge.mqtt.internal.broker.session.SessionStore;
import dev.mqttbridge.mqtt.internal.broker.session.SessionSubscription;
import dev.mqttbridge.mqtt.internal.packet.WillMessage;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, takes over, detaches and ends sessions, and publishes wills at the right time. Every
 * method runs on the session thread of the client concerned.
 *
 * <p>Wills (section 3.1.2.5, 3.1.3.2): published when the connection ends without a normal
 * DISCONNECT, after the Will Delay Interval or when the session ends, whichever comes first; a new
 * connection to the session before then cancels it [MQTT-3.1.3-9 in 5.0 numbering].
 */
final class SessionLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(SessionLifecycle.class);

  private final BrokerSettings settings;
  private final SessionStore sessions;
  private final Router router;
  private final Deadlines deadlines;
  private final LongSupplier clock;
  private final Consumer<OutgoingMessage> dropped;

  SessionLifecycle(
      BrokerSettings settings, SessionStore sessions, Router router, Deadlines deadlines,
      LongSupplier clock, Consumer<OutgoingMessage> dropped) {
    this.settings = settings;
    this.sessions = sessions;
    this.router = router;
    this.deadlines = deadlines;
    this.clock = clock;
    this.dropped = dropped;
  }

  /** A session for a CONNECT and whether it existed before (CONNACK Session Present). */
  record Opened(Session session, boolean present) {}

  /**
   * Takes over a connected session (closing the older connection), then resumes the session or,
   * for a clean start, ends it and starts a new one [MQTT-3.1.2-4, MQTT-3.1.2-5].
   */
  Opened open(String clientId, boolean cleanStart) {
    Session existing = sessions.get(clientId);
    if (existing != null && existing.owner() != null) {
      LOG.debug("Client {} reconnected: taking over its session", clientId);
      existing.owner().takeOver();
      existing = sessions.get(clientId); // an expiry interval of 0 ended it
    }
    if (existing != null && cleanStart) {
      end(existing);
      existing = null;
    }
    if (existing != null) {
      existing.pendingWill(null);
      existing.expiresAtMillis(-1);
      return new Opened(existing, true);
    }
    Session created = new Session(clientId,
        new BoundedMessageQueue(settings.maxQueuedMessages(), settings.queuePolicy()), clock,
        dropped, settings.deliveryBacklogLimit());
    sessions.put(created);
    return new Opened(created, false);
  }

  /**
   * The connection of this owner ended. Detaches it, publishes or schedules its will (null after a
   * normal DISCONNECT), and ends the session or schedules its expiry.
   */
  void disconnected(Session session, SessionOwner owner, WillMessage will) {
    if (session.owner() != owner) {
      return; // already taken over
    }
    long now = clock.getAsLong();
    long expiry = session.expiryInterval();
    if (expiry == 0) {
      if (will != null) {
        publishWill(session.clientId(), will.message());
      }
      end(session);
      return;
    }
    if (will != null) {
      if (will.delayInterval() == 0) {
        publishWill(session.clientId(), will.message());
      } else {
        long delay = expiry == Session.NEVER_EXPIRES
            ? will.delayInterval() : Math.min(will.delayInterval(), expiry);
        long due = now + delay * 1000;
        session.pendingWill(new PendingWill(will.message(), due));
        deadlines.schedule(session.clientId(), due);
      }
    }
    if (expiry != Session.NEVER_EXPIRES) {
      session.expiresAtMillis(now + expiry * 1000);
      deadlines.schedule(session.clientId(), session.expiresAtMillis());
    }
    session.detach(); // last: whoever sees it detached also sees its timers
  }

  /** The timers of this client may be due: publishes a due will, ends an expired session. */
  void checkDeadlines(String clientId) {
    Session session = sessions.get(clientId);
    if (session == null || session.isConnected()) {
      return;
    }
    long now = clock.getAsLong();
    PendingWill will = session.pendingWill();
    if (will != null && now >= will.dueAtMillis()) {
      session.pendingWill(null);
      publishWill(clientId, will.message());
    }
    if (session.expiresAtMillis() >= 0 && now >= session.expiresAtMillis()) {
      LOG.debug("Session of {} expired", clientId);
      end(session);
      return;
    }
    if (session.pendingWill() != null) {
      deadlines.schedule(clientId, session.pendingWill().dueAtMillis());
    }
    if (session.expiresAtMillis() >= 0) {
      deadlines.schedule(clientId, session.expiresAtMillis());
    }
  }

  /**
   * Ends a session: a will still waiting is published now, subscriptions leave the index, and
   * shared-subscription messages it had not acknowledged go to other members of their groups.
   */
  void end(Session session) {
    PendingWill will = session.pendingWill();
    if (will != null) {
      session.pendingWill(null);
      publishWill(session.clientId(), will.message());
    }
    for (SessionSubscription subscription : List.copyOf(session.subscriptions().values())) {
      router.unsubscribe(subscription);
    }
    List<OutgoingMessage> undelivered = session.end();
    sessions.remove(session);
    router.reroute(session.clientId(), undelivered);
  }

  private void publishWill(String clientId, MqttMessage will) {
    LOG.debug("Publishing the will of {} to {}", clientId, will.topic());
    router.publish(will, clientId);
  }
}
