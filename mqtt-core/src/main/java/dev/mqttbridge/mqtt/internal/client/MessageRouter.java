package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.client.MqttMessageHandler;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.topic.SubscriptionTree;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the handlers of a received PUBLISH: by its subscription identifiers when it carries any
 * (MQTT 5), otherwise by matching its topic against the subscribed filters (the shared topic tree;
 * a shared subscription matches by its filter without the {@code $share/group/} prefix). Each
 * handler is returned once per PUBLISH. Session-scoped; event loop only (the tree itself is
 * thread-safe).
 */
final class MessageRouter {

  /** One filter of one {@code subscribe} call. */
  record Route(TopicFilter filter, int subscriptionIdentifier, MqttMessageHandler handler) {}

  private final Map<Integer, List<Route>> byIdentifier = new HashMap<>();
  private final Map<String, Route> byFilter = new HashMap<>();
  private final SubscriptionTree<Route> tree = new SubscriptionTree<>();
  private final MqttMessageHandler defaultHandler;

  MessageRouter(MqttMessageHandler defaultHandler) {
    this.defaultHandler = defaultHandler;
  }

  /** Adds a route; a later subscribe with the same filter replaces the earlier one's handler. */
  void add(TopicFilter filter, int subscriptionIdentifier, MqttMessageHandler handler) {
    remove(filter.toString());
    Route route = new Route(filter, subscriptionIdentifier, handler);
    byFilter.put(filter.toString(), route);
    tree.add(filter, route);
    if (subscriptionIdentifier > 0) {
      byIdentifier.computeIfAbsent(subscriptionIdentifier, id -> new ArrayList<>(1)).add(route);
    }
  }

  void remove(String topicFilter) {
    Route route = byFilter.remove(topicFilter);
    if (route == null) {
      return;
    }
    tree.remove(route.filter(), route);
    List<Route> sameId = byIdentifier.get(route.subscriptionIdentifier());
    if (sameId != null) {
      sameId.remove(route);
      if (sameId.isEmpty()) {
        byIdentifier.remove(route.subscriptionIdentifier());
      }
    }
  }

  /**
   * The handlers for this PUBLISH, each once, in match order; empty when nothing matches and there
   * is no default. Called per received message: a small list, no set (handlers per message are few).
   */
  List<MqttMessageHandler> route(PublishPacket publish) {
    List<MqttMessageHandler> handlers = new ArrayList<>(2);
    for (int id : publish.subscriptionIdentifiers()) {
      List<Route> routes = byIdentifier.get(id);
      if (routes != null) {
        routes.forEach(route -> addOnce(handlers, route.handler()));
      }
    }
    if (handlers.isEmpty()) {
      tree.match(TopicName.of(publish.message().topic()), route -> addOnce(handlers, route.handler()));
    }
    if (handlers.isEmpty() && defaultHandler != null) {
      handlers.add(defaultHandler);
    }
    return handlers;
  }

  private static void addOnce(List<MqttMessageHandler> handlers, MqttMessageHandler handler) {
    if (!handlers.contains(handler)) {
      handlers.add(handler);
    }
  }
}
