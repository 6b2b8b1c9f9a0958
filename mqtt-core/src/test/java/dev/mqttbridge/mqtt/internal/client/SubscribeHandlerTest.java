package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.client.MqttMessageHandler;
import dev.mqttbridge.mqtt.client.MqttSubscribeResult;
import dev.mqttbridge.mqtt.client.MqttUnsubscribeResult;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubackPacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubscribePacket;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SubscribeHandlerTest {

  private final MqttMessageHandler first = m -> { };
  private final MqttMessageHandler second = m -> { };
  private final MessageRouter router = new MessageRouter(null);
  private final SubscribeHandler handler = new SubscribeHandler(true, new PacketIdAllocator(),
      router, new Callbacks(Runnable::run));
  private final EmbeddedChannel channel = new EmbeddedChannel(handler);

  private static PublishPacket publish(String topic, List<Integer> ids) {
    return new PublishPacket(MqttMessage.builder(topic).build(), 0, false, 0, false, ids);
  }

  @Test
  void subscribeBeforeConnect_sentOnConnect_withSubscriptionIdentifier_completedBySuback() {
    CompletableFuture<MqttSubscribeResult> future = new CompletableFuture<>();
    handler.subscribe(List.of(MqttSubscription.of("a/+", MqttQos.AT_LEAST_ONCE)), List.of(), first, future);
    assertThat(channel.<Object>readOutbound()).isNull();

    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    SubscribePacket sent = channel.readOutbound();
    assertThat(sent.subscriptionIdentifier()).isEqualTo(1);
    channel.writeInbound(new SubackPacket(sent.packetId(),
        List.of(MqttReasonCode.GRANTED_QOS_1), ReasonProperties.NONE));
    assertThat(future).isCompletedWithValueMatching(
        r -> r.isSuccess() && r.subscriptionIdentifier() == 1);
  }

  @Test
  void routesBySubscriptionIdentifier_elseByTopicTree() {
    handler.subscribe(List.of(MqttSubscription.of("a/+", MqttQos.AT_LEAST_ONCE)), List.of(), first,
        new CompletableFuture<>());
    handler.subscribe(List.of(MqttSubscription.of("a/#", MqttQos.AT_LEAST_ONCE)), List.of(), second,
        new CompletableFuture<>());
    assertThat(router.route(publish("a/b", List.of(2)))).containsExactly(second);
    assertThat(router.route(publish("a/b", List.of(1, 2)))).containsExactly(first, second);
    assertThat(router.route(publish("a/b", List.of()))).containsExactlyInAnyOrder(first, second);
    assertThat(router.route(publish("x", List.of()))).isEmpty();
  }

  @Test
  void sessionLost_grantedSubscriptionsMadeAgain() {
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    handler.subscribe(List.of(MqttSubscription.of("a", MqttQos.EXACTLY_ONCE)), List.of(), first,
        new CompletableFuture<>());
    SubscribePacket sent = channel.readOutbound();
    channel.writeInbound(new SubackPacket(sent.packetId(),
        List.of(MqttReasonCode.GRANTED_QOS_2), ReasonProperties.NONE));
    channel.pipeline().fireChannelInactive();

    channel.pipeline().fireUserEventTriggered(Connacks.settings(true, 10));
    assertThat(channel.<Object>readOutbound()).as("session present: nothing to redo").isNull();

    channel.pipeline().fireChannelInactive();
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    SubscribePacket again = channel.readOutbound();
    assertThat(again.subscriptions()).containsExactly(
        MqttSubscription.of("a", MqttQos.EXACTLY_ONCE));
    assertThat(again.subscriptionIdentifier()).isEqualTo(sent.subscriptionIdentifier());
  }

  @Test
  void userProperties_sentInSubscribe_andAgainWhenTheServerLostTheSession() {
    List<MqttUserProperty> properties = List.of(MqttUserProperty.of("origin", "test"));
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    handler.subscribe(List.of(MqttSubscription.of("a", MqttQos.AT_LEAST_ONCE)), properties, first,
        new CompletableFuture<>());
    SubscribePacket sent = channel.readOutbound();
    assertThat(sent.userProperties()).isEqualTo(properties);
    channel.writeInbound(new SubackPacket(sent.packetId(),
        List.of(MqttReasonCode.GRANTED_QOS_1), ReasonProperties.NONE));

    channel.pipeline().fireChannelInactive();
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    SubscribePacket again = channel.readOutbound();
    assertThat(again.userProperties()).isEqualTo(properties);
  }

  @Test
  void refusedSubscription_removesItsRoute() {
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    handler.subscribe(List.of(MqttSubscription.of("a", MqttQos.AT_LEAST_ONCE)), List.of(), first,
        new CompletableFuture<>());
    SubscribePacket sent = channel.readOutbound();
    channel.writeInbound(new SubackPacket(sent.packetId(),
        List.of(MqttReasonCode.NOT_AUTHORIZED), ReasonProperties.NONE));
    assertThat(router.route(publish("a", List.of()))).isEmpty();
  }

  @Test
  void unsubscribe_removesRouteAtUnsuback_mqtt311EmptyCodesMeanSuccess() {
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    handler.subscribe(List.of(MqttSubscription.of("a", MqttQos.AT_LEAST_ONCE)), List.of(), first,
        new CompletableFuture<>());
    channel.readOutbound();
    CompletableFuture<MqttUnsubscribeResult> future = new CompletableFuture<>();
    handler.unsubscribe(List.of("a"), future);
    UnsubscribePacket sent = channel.readOutbound();
    assertThat(router.route(publish("a", List.of()))).containsExactly(first);
    channel.writeInbound(new UnsubackPacket(sent.packetId(), List.of(), ReasonProperties.NONE));
    assertThat(router.route(publish("a", List.of()))).isEmpty();
    assertThat(future).isCompletedWithValueMatching(
        r -> r.reasonCodes().equals(List.of(MqttReasonCode.SUCCESS)));
  }
}
