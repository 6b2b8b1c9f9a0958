package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.client.MqttMessageHandler;
import dev.mqttbridge.mqtt.client.MqttSubscribeResult;
import dev.mqttbridge.mqtt.client.MqttUnsubscribeResult;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubackPacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubscribePacket;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUBSCRIBE / SUBACK and UNSUBSCRIBE / UNSUBACK. Requests made while disconnected wait and go out
 * on connect; requests unanswered when a connection is lost are sent again on the next (the client
 * fails them instead when reconnect is off, see {@link #failAll}). Granted
 * subscriptions are remembered and made again when the server reports that it lost the session.
 * Routes for incoming messages are registered before the SUBSCRIBE goes out, so that nothing that
 * follows the SUBACK is missed.
 *
 * <p>Session-scoped: one instance per client, added to each connection's pipeline in turn; state is
 * touched on the client's event loop only.
 */
@ChannelHandler.Sharable
final class SubscribeHandler extends ChannelDuplexHandler {

  static final String NAME = "subscribe";

  private static final Logger LOG = LoggerFactory.getLogger(SubscribeHandler.class);
  private static final int MAX_SUBSCRIPTION_IDENTIFIER = 268_435_455;

  /** A SUBSCRIBE or UNSUBSCRIBE from the application, or a re-subscribe (future null). */
  private static final class Request {
    final List<MqttSubscription> subscriptions;
    final List<MqttUserProperty> userProperties;
    final List<String> unsubscribe;
    final int subscriptionIdentifier;
    final CompletableFuture<MqttSubscribeResult> subscribed;
    final CompletableFuture<MqttUnsubscribeResult> unsubscribed;
    int packetId;

    Request(List<MqttSubscription> subscriptions, List<MqttUserProperty> userProperties,
        List<String> unsubscribe, int subscriptionIdentifier,
        CompletableFuture<MqttSubscribeResult> subscribed,
        CompletableFuture<MqttUnsubscribeResult> unsubscribed) {
      this.subscriptions = subscriptions;
      this.userProperties = userProperties;
      this.unsubscribe = unsubscribe;
      this.subscriptionIdentifier = subscriptionIdentifier;
      this.subscribed = subscribed;
      this.unsubscribed = unsubscribed;
    }
  }

  private final boolean mqtt5;
  private final PacketIdAllocator packetIds;
  private final MessageRouter router;
  private final Callbacks callbacks;

  // Session-scoped.
  private final Map<Integer, Request> awaitingAck = new LinkedHashMap<>();
  private final ArrayDeque<Request> queued = new ArrayDeque<>();
  /** Granted subscriptions by topic filter, with their identifiers: re-made on session loss. */
  private final Map<String, Request> granted = new LinkedHashMap<>();
  private int lastSubscriptionIdentifier;

  // Connection-scoped.
  private ChannelHandlerContext ctx;
  private boolean subscriptionIdentifiersAvailable;

  SubscribeHandler(boolean mqtt5, PacketIdAllocator packetIds, MessageRouter router,
      Callbacks callbacks) {
    this.mqtt5 = mqtt5;
    this.packetIds = packetIds;
    this.router = router;
    this.callbacks = callbacks;
  }

  /** Event loop. */
  void subscribe(List<MqttSubscription> subscriptions, List<MqttUserProperty> userProperties,
      MqttMessageHandler handler, CompletableFuture<MqttSubscribeResult> future) {
    int identifier = 0;
    if (mqtt5) {
      lastSubscriptionIdentifier = lastSubscriptionIdentifier == MAX_SUBSCRIPTION_IDENTIFIER
          ? 1 : lastSubscriptionIdentifier + 1;
      identifier = lastSubscriptionIdentifier;
    }
    for (MqttSubscription subscription : subscriptions) {
      router.add(TopicFilter.of(subscription.topicFilter()), identifier, handler);
    }
    queued.add(new Request(subscriptions, userProperties, null, identifier, future, null));
    sendQueued();
  }

  /** Event loop. */
  void unsubscribe(List<String> topicFilters, CompletableFuture<MqttUnsubscribeResult> future) {
    queued.add(new Request(null, List.of(), topicFilters, 0, null, future));
    sendQueued();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof ConnectionSettings settings) {
      this.ctx = ctx;
      this.subscriptionIdentifiersAvailable = settings.subscriptionIdentifiersAvailable();
      if (!settings.sessionPresent() && !granted.isEmpty()) {
        // [MQTT-3.2.2-5]: the server has none of our subscriptions; make them again first.
        LOG.info("Server has no session for us: re-subscribing {} topic filters", granted.size());
        List<Request> again = new ArrayList<>();
        for (Map.Entry<String, Request> entry : granted.entrySet()) {
          MqttSubscription subscription = entry.getValue().subscriptions.stream()
              .filter(s -> s.topicFilter().equals(entry.getKey())).findFirst().orElseThrow();
          again.add(new Request(List.of(subscription), entry.getValue().userProperties, null,
              entry.getValue().subscriptionIdentifier, null, null));
        }
        for (int i = again.size() - 1; i >= 0; i--) {
          queued.addFirst(again.get(i));
        }
      }
      for (Request request : awaitingAck.values()) {
        ctx.write(packetOf(request));
      }
      ctx.flush();
      // Subscriptions first: a publish the outgoing handler re-sends next may be one we receive.
      sendQueued();
      ctx.fireUserEventTriggered(event);
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (this.ctx == ctx) {
      this.ctx = null;
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof SubackPacket suback) {
      onSuback(suback);
    } else if (msg instanceof UnsubackPacket unsuback) {
      onUnsuback(unsuback);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void sendQueued() {
    if (ctx == null) {
      return;
    }
    boolean wrote = false;
    while (!queued.isEmpty()) {
      int packetId = packetIds.allocate();
      if (packetId == 0) {
        break;
      }
      Request request = queued.poll();
      request.packetId = packetId;
      awaitingAck.put(packetId, request);
      ctx.write(packetOf(request));
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
    }
  }

  private MqttPacket packetOf(Request request) {
    if (request.subscriptions != null) {
      int identifier = subscriptionIdentifiersAvailable ? request.subscriptionIdentifier : 0;
      return new SubscribePacket(request.packetId, request.subscriptions, identifier,
          request.userProperties);
    }
    return new UnsubscribePacket(request.packetId, request.unsubscribe, List.of());
  }

  private void onSuback(SubackPacket suback) {
    Request request = awaitingAck.remove(suback.packetId());
    if (request == null || request.subscriptions == null) {
      LOG.debug("SUBACK for unknown packet {}", suback.packetId());
      return;
    }
    packetIds.release(suback.packetId());
    List<MqttReasonCode> codes = suback.reasonCodes();
    for (int i = 0; i < request.subscriptions.size(); i++) {
      MqttSubscription subscription = request.subscriptions.get(i);
      boolean ok = i < codes.size() && !codes.get(i).isError();
      if (ok) {
        granted.put(subscription.topicFilter(), request);
      } else {
        LOG.warn("Subscription to {} refused: {}", subscription.topicFilter(),
            i < codes.size() ? codes.get(i) : "no reason code");
        granted.remove(subscription.topicFilter());
        router.remove(subscription.topicFilter());
      }
    }
    if (request.subscribed != null) {
      int identifier = subscriptionIdentifiersAvailable ? request.subscriptionIdentifier : 0;
      callbacks.complete(request.subscribed,
          new MqttSubscribeResult(request.subscriptions, codes, identifier));
    }
    sendQueued();
  }

  private void onUnsuback(UnsubackPacket unsuback) {
    Request request = awaitingAck.remove(unsuback.packetId());
    if (request == null || request.unsubscribe == null) {
      LOG.debug("UNSUBACK for unknown packet {}", unsuback.packetId());
      return;
    }
    packetIds.release(unsuback.packetId());
    for (String filter : request.unsubscribe) {
      granted.remove(filter);
      router.remove(filter);
    }
    List<MqttReasonCode> codes = unsuback.reasonCodes();
    if (codes.isEmpty()) {
      // 3.1.1 UNSUBACK has no payload: every filter counts as unsubscribed.
      codes = request.unsubscribe.stream().map(f -> MqttReasonCode.SUCCESS).toList();
    }
    callbacks.complete(request.unsubscribed,
        new MqttUnsubscribeResult(request.unsubscribe, codes));
    sendQueued();
  }

  /**
   * Event loop: fails every outstanding request, sent or queued (client closed, or connection lost
   * with reconnect off). Routes of failed subscriptions are dropped unless the filter was granted
   * before, so that a later subscribe starts clean.
   */
  void failAll(Throwable cause) {
    List<Request> all = new ArrayList<>(awaitingAck.values());
    all.addAll(queued);
    awaitingAck.clear();
    queued.clear();
    for (Request request : all) {
      if (request.packetId > 0) {
        packetIds.release(request.packetId);
      }
      if (request.subscribed != null) {
        request.subscriptions.stream().map(MqttSubscription::topicFilter)
            .filter(filter -> !granted.containsKey(filter)).forEach(router::remove);
        callbacks.fail(request.subscribed, cause);
      }
      if (request.unsubscribed != null) {
        callbacks.fail(request.unsubscribed, cause);
      }
    }
  }
}
