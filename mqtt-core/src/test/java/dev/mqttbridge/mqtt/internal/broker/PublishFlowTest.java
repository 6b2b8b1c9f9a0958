package dev.mqttbridge.mqtt.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublishFlowTest {

  private final CoreHarness harness = new CoreHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void qos1Publish_pubackedAndDeliveredAtGrantedQos() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    subscriber.connect();
    subscriber.subscribe(MqttSubscription.of("a/b", MqttQos.AT_MOST_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V3_1_1);
    publisher.connect();

    publisher.publish("a/b", "hello", MqttQos.AT_LEAST_ONCE, false);

    assertThat(publisher.connection.next(PubackPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.SUCCESS);
    PublishPacket received = subscriber.nextPublish();
    assertThat(received.message().payloadAsString()).isEqualTo("hello");
    assertThat(received.message().qos()).isEqualTo(MqttQos.AT_MOST_ONCE);
  }

  @Test
  void qos2Publish_resentBeforePubrel_deliveredExactlyOnce() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    subscriber.connect();
    subscriber.subscribe(MqttSubscription.of("a", MqttQos.EXACTLY_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();
    PublishPacket publish = PublishPacket.of(
        MqttMessage.builder("a").payload("once").qos(MqttQos.EXACTLY_ONCE).build(), 7);

    publisher.send(publish);
    assertThat(publisher.connection.next(PubrecPacket.class).packetId()).isEqualTo(7);
    publisher.send(publish.asDuplicate());
    assertThat(publisher.connection.next(PubrecPacket.class).packetId()).isEqualTo(7);
    publisher.send(PubrelPacket.of(7));
    assertThat(publisher.connection.next(PubcompPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.SUCCESS);

    PublishPacket received = subscriber.nextPublish();
    assertThat(received.message().qos()).isEqualTo(MqttQos.EXACTLY_ONCE);
    subscriber.connection.assertNothingMore();
  }

  @Test
  void qos2Outbound_pubrecAnsweredWithPubrel_pubcompCompletes() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    subscriber.connect();
    subscriber.subscribe(MqttSubscription.of("a", MqttQos.EXACTLY_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();

    publisher.publish("a", "x", MqttQos.EXACTLY_ONCE, false);
    PublishPacket received = subscriber.nextPublish();
    subscriber.send(PubrecPacket.of(received.packetId()));

    assertThat(subscriber.connection.next(PubrelPacket.class).packetId())
        .isEqualTo(received.packetId());
    subscriber.send(PubcompPacket.of(received.packetId()));
    assertInflight(subscriber, 0);
  }

  @Test
  void persistentSession_reconnect_unacknowledgedResentWithDupAndPubrelResent() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    subscriber.connect(true, 300, null);
    subscriber.subscribe(MqttSubscription.of("a", MqttQos.EXACTLY_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();
    publisher.publish("a", "first", MqttQos.EXACTLY_ONCE, false);
    publisher.publish("a", "second", MqttQos.AT_LEAST_ONCE, false);
    PublishPacket first = subscriber.nextPublish();
    PublishPacket second = subscriber.nextPublish();
    subscriber.send(PubrecPacket.of(first.packetId()));
    subscriber.connection.next(PubrelPacket.class);
    subscriber.drop();

    subscriber.connect(false, 300, null);

    assertThat(subscriber.connection.next(PubrelPacket.class).packetId())
        .isEqualTo(first.packetId());
    PublishPacket resent = subscriber.nextPublish();
    assertThat(resent.duplicate()).isTrue();
    assertThat(resent.packetId()).isEqualTo(second.packetId());
    assertThat(resent.message().payloadAsString()).isEqualTo("second");
  }

  @Test
  void reconnectWithSmallerReceiveMaximum_inflightResentOneAtATimeAsAcknowledged() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    subscriber.connect(true, 300, null);
    subscriber.subscribe(MqttSubscription.of("a", MqttQos.AT_LEAST_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();
    publisher.publish("a", "m1", MqttQos.AT_LEAST_ONCE, false);
    publisher.publish("a", "m2", MqttQos.AT_LEAST_ONCE, false);
    subscriber.nextPublish();
    subscriber.nextPublish();
    subscriber.drop();

    subscriber.connect(new dev.mqttbridge.mqtt.internal.packet.ConnectPacket(MqttVersion.V5,
        "sub", false, 60, null, null, null, new dev.mqttbridge.mqtt.internal.packet
            .ConnectProperties(300, 1, 0, 0, false, true, java.util.List.of(), null, null)));

    PublishPacket first = subscriber.nextPublish();
    assertThat(first.message().payloadAsString()).isEqualTo("m1");
    assertThat(first.duplicate()).isTrue();
    subscriber.connection.assertNothingMore();
    subscriber.send(PubackPacket.of(first.packetId()));
    PublishPacket second = subscriber.nextPublish();
    assertThat(second.message().payloadAsString()).isEqualTo("m2");
    assertThat(second.duplicate()).isTrue();
  }

  @Test
  void clientTopicAliasMaximum_firstTopicsAnnouncedOnceThenAliasOnly_newConnectionStartsAfresh() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    dev.mqttbridge.mqtt.internal.packet.ConnectPacket connect =
        new dev.mqttbridge.mqtt.internal.packet.ConnectPacket(MqttVersion.V5, "sub", false, 60,
            null, null, null, new dev.mqttbridge.mqtt.internal.packet.ConnectProperties(300,
                65_535, 0, 1, false, true, java.util.List.of(), null, null));
    subscriber.connect(connect);
    subscriber.subscribe(MqttSubscription.of("t/#", MqttQos.AT_MOST_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();

    publisher.publish("t/a", "1", MqttQos.AT_MOST_ONCE, false);
    publisher.publish("t/a", "2", MqttQos.AT_MOST_ONCE, false);
    publisher.publish("t/b", "3", MqttQos.AT_MOST_ONCE, false);

    PublishPacket first = subscriber.nextPublish();
    PublishPacket second = subscriber.nextPublish();
    PublishPacket third = subscriber.nextPublish();
    assertThat(first.topicAlias()).isEqualTo(1);
    assertThat(first.aliasOnly()).isFalse();
    assertThat(second.topicAlias()).isEqualTo(1);
    assertThat(second.aliasOnly()).isTrue();
    assertThat(third.topicAlias()).as("beyond the client's maximum of 1").isZero();

    subscriber.drop();
    subscriber.connect(connect);
    publisher.publish("t/a", "4", MqttQos.AT_MOST_ONCE, false);
    PublishPacket afterReconnect = subscriber.nextPublish();
    assertThat(afterReconnect.aliasOnly()).isFalse();
  }

  @Test
  void offlinePersistentSession_queuedMessagesDeliveredOnReconnect_qos0NotQueued() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V3_1_1);
    subscriber.connect(false, 0, null);
    subscriber.subscribe(MqttSubscription.of("a/#", MqttQos.AT_LEAST_ONCE));
    subscriber.disconnect();
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V3_1_1);
    publisher.connect();

    publisher.publish("a/0", "zero", MqttQos.AT_MOST_ONCE, false);
    publisher.publish("a/1", "one", MqttQos.AT_LEAST_ONCE, false);
    publisher.publish("a/2", "two", MqttQos.EXACTLY_ONCE, false);
    publisher.connection.next(PubackPacket.class);
    publisher.connection.next(PubrecPacket.class);

    assertThat(subscriber.connect(false, 0, null).sessionPresent()).isTrue();
    assertThat(subscriber.nextPublish().message().payloadAsString()).isEqualTo("one");
    PublishPacket two = subscriber.nextPublish();
    assertThat(two.message().payloadAsString()).isEqualTo("two");
    assertThat(two.message().qos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    subscriber.connection.assertNothingMore();
  }

  @Test
  void offlineQueueFull_newestDroppedAndCounted() {
    try (CoreHarness small = new CoreHarness(dev.mqttbridge.mqtt.broker.Authenticator.ALLOW_ALL,
        dev.mqttbridge.mqtt.broker.Authorizer.ALLOW_ALL, null, 2,
        dev.mqttbridge.mqtt.broker.OfflineQueuePolicy.DROP_NEWEST)) {
      CoreHarness.TestClient subscriber = small.client("sub", MqttVersion.V5);
      subscriber.connect(true, 300, null);
      subscriber.subscribe(MqttSubscription.of("a", MqttQos.AT_LEAST_ONCE));
      subscriber.disconnect();
      CoreHarness.TestClient publisher = small.client("pub", MqttVersion.V5);
      publisher.connect();
      for (int i = 1; i <= 4; i++) {
        publisher.publish("a", "m" + i, MqttQos.AT_LEAST_ONCE, false);
        publisher.connection.next(PubackPacket.class);
      }

      subscriber.connect(false, 300, null);

      assertThat(subscriber.nextPublish().message().payloadAsString()).isEqualTo("m1");
      assertThat(subscriber.nextPublish().message().payloadAsString()).isEqualTo("m2");
      subscriber.connection.assertNothingMore();
      assertThat(small.core.droppedMessages()).isEqualTo(2);
    }
  }

  @Test
  void offlineQueueFull_dropOldestPolicy_keepsNewest() {
    try (CoreHarness small = new CoreHarness(dev.mqttbridge.mqtt.broker.Authenticator.ALLOW_ALL,
        dev.mqttbridge.mqtt.broker.Authorizer.ALLOW_ALL, null, 2,
        dev.mqttbridge.mqtt.broker.OfflineQueuePolicy.DROP_OLDEST)) {
      CoreHarness.TestClient subscriber = small.client("sub", MqttVersion.V5);
      subscriber.connect(true, 300, null);
      subscriber.subscribe(MqttSubscription.of("a", MqttQos.AT_LEAST_ONCE));
      subscriber.disconnect();
      CoreHarness.TestClient publisher = small.client("pub", MqttVersion.V5);
      publisher.connect();
      for (int i = 1; i <= 4; i++) {
        publisher.publish("a", "m" + i, MqttQos.AT_LEAST_ONCE, false);
        publisher.connection.next(PubackPacket.class);
      }

      subscriber.connect(false, 300, null);

      assertThat(subscriber.nextPublish().message().payloadAsString()).isEqualTo("m3");
      assertThat(subscriber.nextPublish().message().payloadAsString()).isEqualTo("m4");
      assertThat(small.core.droppedMessages()).isEqualTo(2);
    }
  }

  @Test
  void clientReceiveMaximum_limitsInflightUntilAcknowledged() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    subscriber.connect(new dev.mqttbridge.mqtt.internal.packet.ConnectPacket(MqttVersion.V5,
        "sub", true, 60, null, null, null, new dev.mqttbridge.mqtt.internal.packet
            .ConnectProperties(0, 1, 0, 0, false, true, java.util.List.of(), null, null)));
    subscriber.subscribe(MqttSubscription.of("a", MqttQos.AT_LEAST_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();

    publisher.publish("a", "m1", MqttQos.AT_LEAST_ONCE, false);
    publisher.publish("a", "m2", MqttQos.AT_LEAST_ONCE, false);

    PublishPacket first = subscriber.nextPublish();
    subscriber.connection.assertNothingMore();
    subscriber.send(PubackPacket.of(first.packetId()));
    assertThat(subscriber.nextPublish().message().payloadAsString()).isEqualTo("m2");
  }

  @Test
  void messageExpiry_decrementedByWaitingTime_droppedOnceExpired() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    subscriber.connect(true, 3600, null);
    subscriber.subscribe(MqttSubscription.of("a/+", MqttQos.AT_LEAST_ONCE));
    subscriber.disconnect();
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();
    publisher.send(PublishPacket.of(MqttMessage.builder("a/short").payload("s")
        .qos(MqttQos.AT_LEAST_ONCE).messageExpiryInterval(5).build(), 1));
    publisher.send(PublishPacket.of(MqttMessage.builder("a/long").payload("l")
        .qos(MqttQos.AT_LEAST_ONCE).messageExpiryInterval(100).build(), 2));
    publisher.connection.next(PubackPacket.class);
    publisher.connection.next(PubackPacket.class);

    harness.advance(Duration.ofSeconds(10));
    subscriber.connect(false, 3600, null);

    PublishPacket received = subscriber.nextPublish();
    assertThat(received.message().topic()).isEqualTo("a/long");
    assertThat(received.message().messageExpiryInterval()).hasValue(90);
    subscriber.connection.assertNothingMore();
  }

  @Test
  void noLocal_ownPublishNotReceived_otherClientsStillReceive() {
    CoreHarness.TestClient self = harness.client("self", MqttVersion.V5);
    self.connect();
    self.subscribe(MqttSubscription.builder("chat").qos(MqttQos.AT_MOST_ONCE).noLocal(true)
        .build());
    CoreHarness.TestClient other = harness.client("other", MqttVersion.V5);
    other.connect();
    other.subscribe(MqttSubscription.of("chat", MqttQos.AT_MOST_ONCE));

    self.publish("chat", "hi", MqttQos.AT_MOST_ONCE, false);

    assertThat(other.nextPublish().message().payloadAsString()).isEqualTo("hi");
    self.connection.assertNothingMore();
  }

  @Test
  void overlappingSubscriptions_oneCopyWithMaxQosAndAllSubscriptionIdentifiers() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    subscriber.connect();
    subscriber.subscribe(1, MqttSubscription.of("a/+", MqttQos.AT_MOST_ONCE));
    subscriber.subscribe(2, MqttSubscription.of("a/#", MqttQos.EXACTLY_ONCE));
    subscriber.subscribe(3, MqttSubscription.of("b/#", MqttQos.AT_LEAST_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();

    publisher.publish("a/x", "m", MqttQos.EXACTLY_ONCE, false);

    PublishPacket received = subscriber.nextPublish();
    assertThat(received.message().qos()).isEqualTo(MqttQos.EXACTLY_ONCE);
    assertThat(received.subscriptionIdentifiers()).containsExactlyInAnyOrder(1, 2);
    subscriber.connection.assertNothingMore();
  }

  @Test
  void overlappingSubscriptions_manyReceivers_eachGetsOneCopyWithItsIdentifiers() {
    // More receivers than the router scans for without an index (8): each still gets one copy.
    List<CoreHarness.TestClient> subscribers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      CoreHarness.TestClient subscriber = harness.client("fan-" + i, MqttVersion.V5);
      subscriber.connect();
      subscriber.subscribe(100 + i, MqttSubscription.of("fan/+", MqttQos.AT_MOST_ONCE));
      subscriber.subscribe(200 + i, MqttSubscription.of("fan/#", MqttQos.AT_LEAST_ONCE));
      subscribers.add(subscriber);
    }
    CoreHarness.TestClient publisher = harness.client("fan-pub", MqttVersion.V5);
    publisher.connect();

    publisher.publish("fan/out", "m", MqttQos.AT_LEAST_ONCE, false);

    for (int i = 0; i < subscribers.size(); i++) {
      PublishPacket received = subscribers.get(i).nextPublish();
      assertThat(received.message().qos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
      assertThat(received.subscriptionIdentifiers()).containsExactlyInAnyOrder(100 + i, 200 + i);
    }
    for (CoreHarness.TestClient subscriber : subscribers) {
      subscriber.connection.assertNothingMore();
    }
  }

  @Test
  void systemTopic_notMatchedByLeadingWildcards_matchedByExplicitFilter() {
    CoreHarness.TestClient wildcard = harness.client("wild", MqttVersion.V3_1_1);
    wildcard.connect();
    wildcard.subscribe(MqttSubscription.of("#", MqttQos.AT_MOST_ONCE),
        MqttSubscription.of("+/uptime", MqttQos.AT_MOST_ONCE));
    CoreHarness.TestClient explicit = harness.client("explicit", MqttVersion.V3_1_1);
    explicit.connect();
    explicit.subscribe(MqttSubscription.of("$SYS/#", MqttQos.AT_MOST_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V3_1_1);
    publisher.connect();

    publisher.publish("$SYS/uptime", "1", MqttQos.AT_MOST_ONCE, false);

    assertThat(explicit.nextPublish().message().topic()).isEqualTo("$SYS/uptime");
    wildcard.connection.assertNothingMore();
  }

  @Test
  void userPropertiesAndResponseTopic_passedThroughUnchanged() {
    CoreHarness.TestClient subscriber = harness.client("sub", MqttVersion.V5);
    subscriber.connect();
    subscriber.subscribe(MqttSubscription.of("req", MqttQos.AT_LEAST_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();
    MqttMessage message = MqttMessage.builder("req").payload("{}").qos(MqttQos.AT_LEAST_ONCE)
        .contentType("application/json").responseTopic("resp/1")
        .correlationData(new byte[] {1, 2, 3}).userProperty("k", "v").userProperty("k", "w")
        .build();

    publisher.send(PublishPacket.of(message, 5));

    assertThat(subscriber.nextPublish().message()).isEqualTo(message);
  }

  private void assertInflight(CoreHarness.TestClient client, int expected) {
    // A ping round trip orders this read after everything the session thread did before it.
    client.send(dev.mqttbridge.mqtt.internal.packet.PingreqPacket.INSTANCE);
    client.connection.next(dev.mqttbridge.mqtt.internal.packet.PingrespPacket.class);
    assertThat(harness.core.sessions().get(client.clientId).inflight()).hasSize(expected);
  }
}
