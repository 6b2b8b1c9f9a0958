package dev.mqttbridge.mqtt.internal.broker.routing;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.ClientIdentity;
import dev.mqttbridge.mqtt.internal.broker.SessionLoops;
import dev.mqttbridge.mqtt.internal.broker.retained.RetainedMessage;
import dev.mqttbridge.mqtt.internal.broker.retained.RetainedMessageStore;
import dev.mqttbridge.mqtt.internal.broker.session.DeliveryBacklog;
import dev.mqttbridge.mqtt.internal.broker.session.OutgoingMessage;
import dev.mqttbridge.mqtt.internal.broker.session.Session;
import dev.mqttbridge.mqtt.internal.broker.session.SessionStore;
import dev.mqttbridge.mqtt.internal.broker.session.SessionSubscription;
import dev.mqttbridge.mqtt.internal.topic.SubscriptionTree;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes published messages to sessions. Runs on the publisher's session thread: it finds the
 * matching subscriptions in the lock-free subscription trees and hands one {@link OutgoingMessage}
 * per receiving session to that session's thread. No lock on this path.
 *
 * <p><b>Bounded hand-over.</b> What waits for a session's thread is counted in its {@link
 * DeliveryBacklog}. When it is full, a QoS 0 message for that session is dropped (and counted);
 * a QoS 1 or 2 message is still handed over, and the publisher is told to stop sending until the
 * backlog has drained to half, so its client is held back by TCP rather than the broker growing.
 *
 * <p><b>Overlapping subscriptions.</b> When several subscriptions of one client match a topic, the
 * client gets ONE copy (section 3.3.4 allows one or several), with the highest QoS granted among
 * them and the identifiers of ALL of them [MQTT-3.3.4-3, MQTT-3.3.4-5]; its retain flag is kept
 * when any of them asked for Retain As Published. Shared subscriptions are counted apart: a client
 * in a share group and subscribed directly may get both copies.
 *
 * <p><b>Shared subscriptions.</b> See {@link SharedGroup}. When a member's session ends, the
 * messages it had not acknowledged (and those in its queue) are re-routed to another member,
 * their QoS capped by that member's subscription.
 */
public final class Router {

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final SubscriptionTree<SessionSubscription> direct = new SubscriptionTree<>();
  private final SubscriptionTree<SharedGroup> shared = new SubscriptionTree<>();
  private final Map<String, SharedGroup> groups = new HashMap<>(); // guarded by itself
  private final SessionStore sessions;
  private final SessionLoops loops;
  private final RetainedMessageStore retained;
  private final Authorizer authorizer;
  private final LongSupplier clock;
  private final Consumer<OutgoingMessage> dropped;

  /**
   * @param dropped told about each message dropped because its session's backlog was full
   */
  public Router(
      SessionStore sessions, SessionLoops loops, RetainedMessageStore retained,
      Authorizer authorizer, LongSupplier clock, Consumer<OutgoingMessage> dropped) {
    this.sessions = sessions;
    this.loops = loops;
    this.retained = retained;
    this.authorizer = authorizer;
    this.clock = clock;
    this.dropped = dropped;
  }

  /** Indexes a subscription; a shared one joins its group. Idempotent. */
  public void subscribe(SessionSubscription subscription) {
    if (!subscription.filter().isShared()) {
      direct.add(subscription.filter(), subscription);
      return;
    }
    synchronized (groups) {
      SharedGroup group = groups.get(subscription.filter().toString());
      if (group == null) {
        group = new SharedGroup(subscription.filter());
        groups.put(group.shareKey(), group);
        shared.add(group.filter(), group);
      }
      group.put(subscription);
    }
  }

  /** Removes a subscription from the index; the last member of a group removes the group. */
  public void unsubscribe(SessionSubscription subscription) {
    if (!subscription.filter().isShared()) {
      direct.remove(subscription.filter(), subscription);
      return;
    }
    synchronized (groups) {
      SharedGroup group = groups.get(subscription.filter().toString());
      if (group != null) {
        group.remove(subscription.clientId());
        if (group.isEmpty()) {
          groups.remove(group.shareKey());
          shared.remove(group.filter(), group);
        }
      }
    }
  }

  /**
   * Publishes an application message: updates the retained store when it is retained, then hands
   * it to every matching session.
   *
   * @param message the message as received (the publisher's QoS and retain flag)
   * @param publisherId the publishing client, for No Local; {@code null} for none
   * @return the number of sessions it was handed to
   */
  public int publish(MqttMessage message, String publisherId) {
    return publish(message, publisherId, full -> { });
  }

  /**
   * Publishes as {@link #publish(MqttMessage, String)}, telling {@code whenFull} about each
   * receiving session whose backlog is full for this QoS 1 or 2 message, so the publisher can
   * hold back until {@link DeliveryBacklog#whenDrained} (the message itself is handed over).
   */
  public int publish(MqttMessage message, String publisherId,
      Consumer<DeliveryBacklog> whenFull) {
    return publish(message, TopicName.of(message.topic()), publisherId, whenFull);
  }

  /**
   * Publishes as {@link #publish(MqttMessage, String, Consumer)} with the message's topic already
   * parsed: a publisher that repeats its topic need not have it checked and split every time.
   *
   * @param topic the message's topic, equal to {@code message.topic()}
   */
  public int publish(MqttMessage message, TopicName topic, String publisherId,
      Consumer<DeliveryBacklog> whenFull) {
    long now = clock.getAsLong();
    long expiresAt = message.messageExpiryInterval().isPresent()
        ? now + message.messageExpiryInterval().getAsLong() * 1000 : -1;
    if (message.isRetain()) {
      if (message.payloadSize() == 0) {
        retained.remove(message.topic()); // [MQTT-3.3.1-6], [MQTT-3.3.1-7]
      } else {
        retained.put(new RetainedMessage(message, expiresAt));
      }
    }
    MessageVariants variants = new MessageVariants(message);
    int receivers = 0;
    for (Delivery delivery : collectDirect(topic, publisherId)) {
      if (!mayReceive(delivery.client, message.topic())) {
        continue;
      }
      MqttQos qos = MqttQos.min(message.qos(), delivery.qos);
      // Live messages carry retain=1 only under Retain As Published [MQTT-3.3.1-12, -13].
      MqttMessage variant = variants.get(qos, delivery.retainAsPublished && message.isRetain());
      dispatch(delivery.client.clientId(),
          new OutgoingMessage(variant, delivery.subscriptionIds, expiresAt, null), whenFull);
      receivers++;
    }
    if (shared.isEmpty()) {
      return receivers; // the common case: no list allocated per publish
    }
    List<SharedGroup> matchedGroups = shared.matchAll(topic);
    for (SharedGroup group : distinct(matchedGroups)) {
      SessionSubscription member = group.pick(this::isConnected, null);
      if (member == null || !mayReceive(member.client(), message.topic())) {
        continue;
      }
      MqttQos qos = MqttQos.min(message.qos(), member.options().qos());
      MqttMessage variant =
          variants.get(qos, member.options().retainAsPublished() && message.isRetain());
      dispatch(member.clientId(), new OutgoingMessage(variant, identifiers(member), expiresAt,
          group.shareKey()), whenFull);
      receivers++;
    }
    return receivers;
  }

  /**
   * Hands the undelivered shared-subscription messages of an ended session to other members of
   * their groups; others are dropped with the session.
   */
  public void reroute(String endedClientId, List<OutgoingMessage> undelivered) {
    for (OutgoingMessage message : undelivered) {
      if (message.shareKey() != null) {
        rerouteShared(message, endedClientId);
      }
    }
  }

  /** The number of direct subscriptions plus shared groups indexed; for tests. */
  public int indexedCount() {
    return direct.size() + shared.size();
  }

  private void rerouteShared(OutgoingMessage message, String excluded) {
    SharedGroup group;
    synchronized (groups) {
      group = groups.get(message.shareKey());
    }
    SessionSubscription member = group == null ? null : group.pick(this::isConnected, excluded);
    if (member == null) {
      LOG.debug("Shared message on {} dropped: no other member of {}", message.message().topic(),
          message.shareKey());
      return;
    }
    MqttMessage original = message.message();
    MqttQos qos = MqttQos.min(original.qos(), member.options().qos());
    MqttMessage variant = qos == original.qos() ? original : original.toBuilder().qos(qos).build();
    dispatch(member.clientId(), new OutgoingMessage(variant, identifiers(member),
        message.expiresAtMillis(), message.shareKey()), full -> { });
  }

  private void dispatch(String clientId, OutgoingMessage message,
      Consumer<DeliveryBacklog> whenFull) {
    Session target = sessions.get(clientId);
    DeliveryBacklog backlog = target == null ? null : target.backlog();
    if (backlog != null && !backlog.tryAdd()) {
      if (message.message().qos() == MqttQos.AT_MOST_ONCE) {
        dropped.accept(message);
        return;
      }
      backlog.add();
      whenFull.accept(backlog);
    }
    try {
      loops.loopFor(clientId).execute(() -> {
        if (backlog != null) {
          backlog.taken();
        }
        deliverHere(clientId, message);
      });
    } catch (RejectedExecutionException stopping) {
      // Never taken: uncount it, or held publishers would wait for a drain that cannot come.
      if (backlog != null) {
        backlog.taken();
      }
      LOG.debug("Broker stopping: message for {} not delivered", clientId);
    }
  }

  /** On the receiver's session thread. */
  private void deliverHere(String clientId, OutgoingMessage message) {
    Session session = sessions.get(clientId);
    if (session != null) {
      session.deliver(message);
    } else if (message.shareKey() != null) {
      rerouteShared(message, clientId);
    }
  }

  /** The authoriser's read check; a failing authoriser denies rather than failing the publisher. */
  private boolean mayReceive(ClientIdentity client, String topic) {
    try {
      return authorizer.mayReceive(client, topic);
    } catch (RuntimeException e) {
      LOG.warn("Authorizer failed on receive of {} by {}: denied", topic, client.clientId(), e);
      return false;
    }
  }

  private boolean isConnected(String clientId) {
    Session session = sessions.get(clientId);
    return session != null && session.isConnected();
  }

  private List<Delivery> collectDirect(TopicName topic, String publisherId) {
    DirectDeliveries deliveries = new DirectDeliveries(publisherId);
    direct.match(topic, deliveries);
    return deliveries.list;
  }

  private static List<SharedGroup> distinct(List<SharedGroup> matched) {
    if (matched.size() < 2) {
      return matched;
    }
    Map<SharedGroup, Boolean> seen = new IdentityHashMap<>();
    List<SharedGroup> result = new ArrayList<>();
    for (SharedGroup group : matched) {
      if (seen.put(group, Boolean.TRUE) == null) {
        result.add(group);
      }
    }
    return result;
  }

  private static List<Integer> identifiers(SessionSubscription subscription) {
    return subscription.subscriptionIdentifier() == 0
        ? List.of() : List.of(subscription.subscriptionIdentifier());
  }

  /**
   * Collects the matching direct subscriptions into one {@link Delivery} per client. Most topics
   * have a few receivers: they are found by a scan, and a map is built only past {@link
   * #SCAN_LIMIT} (a map per publish was a sixth of the broker's allocation under load).
   */
  private static final class DirectDeliveries implements Consumer<SessionSubscription> {
    private static final int SCAN_LIMIT = 8;

    final List<Delivery> list = new ArrayList<>(2);
    private final String publisherId;
    private Map<String, Delivery> byClient;

    DirectDeliveries(String publisherId) {
      this.publisherId = publisherId;
    }

    @Override
    public void accept(SessionSubscription subscription) {
      String clientId = subscription.clientId();
      if (subscription.options().noLocal() && clientId.equals(publisherId)) {
        return; // [MQTT-3.8.3-3]
      }
      Delivery delivery = find(clientId);
      if (delivery == null) {
        delivery = new Delivery(subscription.client());
        list.add(delivery);
        if (byClient != null) {
          byClient.put(clientId, delivery);
        } else if (list.size() > SCAN_LIMIT) {
          byClient = new HashMap<>();
          list.forEach(d -> byClient.put(d.client.clientId(), d));
        }
      }
      delivery.add(subscription);
    }

    private Delivery find(String clientId) {
      if (byClient != null) {
        return byClient.get(clientId);
      }
      for (Delivery delivery : list) {
        if (delivery.client.clientId().equals(clientId)) {
          return delivery;
        }
      }
      return null;
    }
  }

  /** What one client gets from all its matching direct subscriptions. */
  private static final class Delivery {
    final ClientIdentity client;
    MqttQos qos = MqttQos.AT_MOST_ONCE;
    boolean retainAsPublished;
    List<Integer> subscriptionIds = List.of(); // a list of its own once there is one

    Delivery(ClientIdentity client) {
      this.client = client;
    }

    void add(SessionSubscription subscription) {
      if (subscription.options().qos().code() > qos.code()) {
        qos = subscription.options().qos();
      }
      retainAsPublished |= subscription.options().retainAsPublished();
      if (subscription.subscriptionIdentifier() != 0) {
        if (subscriptionIds.isEmpty()) {
          subscriptionIds = new ArrayList<>(1);
        }
        subscriptionIds.add(subscription.subscriptionIdentifier());
      }
    }
  }

  /** The message with each QoS / retain combination, built once per publish when first needed. */
  private static final class MessageVariants {
    private final MqttMessage original;
    private MqttMessage[] variants; // allocated when a subscriber needs another QoS or retain

    MessageVariants(MqttMessage original) {
      this.original = original;
    }

    MqttMessage get(MqttQos qos, boolean retain) {
      if (qos == original.qos() && retain == original.isRetain()) {
        return original;
      }
      int index = qos.code() * 2 + (retain ? 1 : 0);
      if (variants == null) {
        variants = new MqttMessage[6];
      }
      if (variants[index] == null) {
        variants[index] = original.toBuilder().qos(qos).retain(retain).build();
      }
      return variants[index];
    }
  }
}
