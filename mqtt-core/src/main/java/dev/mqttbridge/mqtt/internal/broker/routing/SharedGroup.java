package dev.mqttbridge.mqtt.internal.broker.routing;

import dev.mqttbridge.mqtt.internal.broker.session.SessionSubscription;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The members of one shared subscription {@code $share/{ShareName}/{filter}} (section 4.8.2).
 * Each message goes to one member, round-robin among the connected members; only when no member is
 * connected does it go, still round-robin, to an offline member's queue (bounded like any session
 * queue). Compared by identity: one instance per share key while it has members.
 */
final class SharedGroup {

  private final String shareKey;
  private final TopicFilter filter;
  private final List<SessionSubscription> members = new CopyOnWriteArrayList<>();
  private final AtomicInteger cursor = new AtomicInteger();

  SharedGroup(TopicFilter filter) {
    this.shareKey = filter.toString();
    this.filter = filter;
  }

  String shareKey() {
    return shareKey;
  }

  TopicFilter filter() {
    return filter;
  }

  /** Adds or replaces the member's subscription; only under the router's membership lock. */
  void put(SessionSubscription subscription) {
    remove(subscription.clientId());
    members.add(subscription);
  }

  /** Removes the member; only under the router's membership lock. */
  void remove(String clientId) {
    members.removeIf(member -> member.clientId().equals(clientId));
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  /**
   * The member for the next message: the next connected one in turn, else the next one in turn.
   *
   * @param connected whether a client is connected
   * @param excluded a client not to choose (one whose session just ended), or {@code null}
   * @return the chosen member's subscription, or {@code null} if there is none to choose
   */
  SessionSubscription pick(Predicate<String> connected, String excluded) {
    Object[] snapshot = members.toArray();
    int count = snapshot.length;
    if (count == 0) {
      return null;
    }
    int start = Math.floorMod(cursor.getAndIncrement(), count);
    SessionSubscription fallback = null;
    for (int i = 0; i < count; i++) {
      SessionSubscription member = (SessionSubscription) snapshot[(start + i) % count];
      if (member.clientId().equals(excluded)) {
        continue;
      }
      if (connected.test(member.clientId())) {
        return member;
      }
      if (fallback == null) {
        fallback = member;
      }
    }
    return fallback;
  }
}
