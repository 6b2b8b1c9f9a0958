package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Eclipse Paho's MQTT 5 client against the embedded broker. */
class PahoV5BrokerIT {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create(b -> b
      .authenticator(Authenticator.passwords(Map.of("alice", "secret"), true))
      .authorizer(new ForbiddenTopicsAuthorizer())
      .responseInformation("responses/"));

  private static PahoV5Client client(String id) throws MqttException {
    return new PahoV5Client(BROKER.uri().toString(), id);
  }

  private static MqttMessage message(String payload, int qos, boolean retain) {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(qos);
    message.setRetained(retain);
    return message;
  }

  @Test
  void qos0To2_publishedAndReceivedAtEachQos() throws Exception {
    try (PahoV5Client sub = client("v5-qos-sub").connect();
         PahoV5Client pub = client("v5-qos-pub").connect()) {
      sub.client.subscribe("qos/#", 2).waitForCompletion(5_000);
      for (int qos = 0; qos <= 2; qos++) {
        pub.client.publish("qos/" + qos, message("m" + qos, qos, false)).waitForCompletion(5_000);
        PahoV5Client.Received received = sub.next();
        assertThat(received.topic()).isEqualTo("qos/" + qos);
        assertThat(received.message().getQos()).isEqualTo(qos);
      }
    }
  }

  @Test
  void overlappingSubscriptions_oneCopyWithEverySubscriptionIdentifier() throws Exception {
    try (PahoV5Client sub = client("v5-ids-sub").connect();
         PahoV5Client pub = client("v5-ids-pub").connect()) {
      subscribeWithId(sub, new MqttSubscription("ids/+", 0), 11);
      subscribeWithId(sub, new MqttSubscription("ids/#", 1), 12);

      pub.client.publish("ids/a", message("x", 1, false)).waitForCompletion(5_000);

      PahoV5Client.Received received = sub.next();
      assertThat(received.message().getQos()).isEqualTo(1);
      assertThat(received.message().getProperties().getSubscriptionIdentifiers())
          .containsExactlyInAnyOrder(11, 12);
      assertThat(sub.poll(300)).isNull();
    }
  }

  @Test
  void noLocal_ownMessagesNotReceived() throws Exception {
    try (PahoV5Client self = client("v5-nolocal").connect();
         PahoV5Client other = client("v5-nolocal-other").connect()) {
      MqttSubscription subscription = new MqttSubscription("chat/room", 1);
      subscription.setNoLocal(true);
      self.client.subscribe(subscription).waitForCompletion(5_000);
      other.client.subscribe("chat/room", 1).waitForCompletion(5_000);

      self.client.publish("chat/room", message("mine", 1, false)).waitForCompletion(5_000);

      assertThat(other.next().payload()).isEqualTo("mine");
      assertThat(self.poll(300)).isNull();
    }
  }

  @Test
  void retainHandling_2NeverSends_1SendsOnlyForNewSubscription() throws Exception {
    try (PahoV5Client pub = client("v5-rh-pub").connect();
         PahoV5Client sub = client("v5-rh-sub").connect()) {
      pub.client.publish("rh/t", message("kept", 1, true)).waitForCompletion(5_000);

      MqttSubscription never = new MqttSubscription("rh/+", 1);
      never.setRetainHandling(2);
      sub.client.subscribe(never).waitForCompletion(5_000);
      assertThat(sub.poll(300)).isNull();

      MqttSubscription ifNew = new MqttSubscription("rh/#", 1);
      ifNew.setRetainHandling(1);
      sub.client.subscribe(ifNew).waitForCompletion(5_000);
      assertThat(sub.next().message().isRetained()).isTrue();
      sub.client.subscribe(ifNew).waitForCompletion(5_000);
      assertThat(sub.poll(300)).isNull();
    }
  }

  @Test
  void retainAsPublished_liveMessageKeepsRetainFlag_otherwiseCleared() throws Exception {
    try (PahoV5Client asPublished = client("v5-rap").connect();
         PahoV5Client plain = client("v5-rap-plain").connect();
         PahoV5Client pub = client("v5-rap-pub").connect()) {
      MqttSubscription keep = new MqttSubscription("rap/t", 1);
      keep.setRetainAsPublished(true);
      asPublished.client.subscribe(keep).waitForCompletion(5_000);
      plain.client.subscribe("rap/t", 1).waitForCompletion(5_000);

      pub.client.publish("rap/t", message("r", 1, true)).waitForCompletion(5_000);

      assertThat(asPublished.next().message().isRetained()).isTrue();
      assertThat(plain.next().message().isRetained()).isFalse();
    }
  }

  @Test
  void sharedSubscription_messagesSplitBetweenMembers() throws Exception {
    try (PahoV5Client a = client("v5-share-a").connect();
         PahoV5Client b = client("v5-share-b").connect();
         PahoV5Client pub = client("v5-share-pub").connect()) {
      a.client.subscribe("$share/g/work/+", 1).waitForCompletion(5_000);
      b.client.subscribe("$share/g/work/+", 1).waitForCompletion(5_000);

      for (int i = 0; i < 10; i++) {
        pub.client.publish("work/" + i, message("w" + i, 1, false)).waitForCompletion(5_000);
      }

      await().atMost(Duration.ofSeconds(10))
          .until(() -> a.messages.size() + b.messages.size() == 10);
      assertThat(a.messages).hasSize(5);
      assertThat(b.messages).hasSize(5);
    }
  }

  @Test
  void propertiesPassedThroughUnchanged() throws Exception {
    try (PahoV5Client sub = client("v5-props-sub").connect();
         PahoV5Client pub = client("v5-props-pub").connect()) {
      sub.client.subscribe("props/t", 1).waitForCompletion(5_000);
      MqttMessage message = message("{\"a\":1}", 1, false);
      MqttProperties properties = new MqttProperties();
      properties.setContentType("application/json");
      properties.setResponseTopic("props/reply");
      properties.setCorrelationData(new byte[] {9, 8, 7});
      properties.setPayloadFormat(true);
      properties.setUserProperties(List.of(new UserProperty("k", "v1"),
          new UserProperty("k", "v2")));
      message.setProperties(properties);

      pub.client.publish("props/t", message).waitForCompletion(5_000);

      MqttProperties received = sub.next().message().getProperties();
      assertThat(received.getContentType()).isEqualTo("application/json");
      assertThat(received.getResponseTopic()).isEqualTo("props/reply");
      assertThat(received.getCorrelationData()).containsExactly(9, 8, 7);
      assertThat(received.getPayloadFormat()).isTrue();
      assertThat(received.getUserProperties()).extracting(UserProperty::getValue)
          .containsExactly("v1", "v2");
    }
  }

  @Test
  void messageExpiry_remainingIntervalSentToSubscriber() throws Exception {
    try (PahoV5Client sub = client("v5-expiry-sub").connect();
         PahoV5Client pub = client("v5-expiry-pub").connect()) {
      sub.client.subscribe("expiry/t", 1).waitForCompletion(5_000);
      MqttMessage message = message("e", 1, false);
      MqttProperties properties = new MqttProperties();
      properties.setMessageExpiryInterval(100L);
      message.setProperties(properties);

      pub.client.publish("expiry/t", message).waitForCompletion(5_000);

      assertThat(sub.next().message().getProperties().getMessageExpiryInterval())
          .isBetween(99L, 100L);
    }
  }

  @Test
  void sessionTakeover_olderClientToldSessionTakenOver() throws Exception {
    try (PahoV5Client first = client("v5-takeover").connect();
         PahoV5Client second = client("v5-takeover")) {
      second.connect(PahoV5Client.options(true, 0));

      assertThat(first.disconnects.poll(10, java.util.concurrent.TimeUnit.SECONDS)
          .getReturnCode()).isEqualTo(0x8E);
    }
  }

  @Test
  void wrongPassword_refusedWithBadUserNameOrPassword() throws Exception {
    try (PahoV5Client client = client("v5-badpass")) {
      MqttConnectionOptions options = PahoV5Client.options(true, 0);
      options.setUserName("alice");
      options.setPassword("wrong".getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> client.connect(options))
          .isInstanceOfSatisfying(MqttException.class,
              e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    }
  }

  @Test
  void forbiddenSubscription_subackNotAuthorized() throws Exception {
    try (PahoV5Client client = client("v5-forbidden-sub").connect()) {
      IMqttToken token = client.client.subscribe(new MqttSubscription[] {
          new MqttSubscription("forbidden/x", 1), new MqttSubscription("allowed/x", 1)});
      try {
        token.waitForCompletion(5_000);
      } catch (MqttException expectedByPaho) {
        // Paho reports an error code in SUBACK as an exception; the codes are still on the token.
      }

      assertThat(token.getReasonCodes()).containsExactly(0x87, 1);
    }
  }

  @Test
  void requestResponseInformation_answeredWithPrefix() throws Exception {
    try (PahoV5Client client = client("v5-rri")) {
      MqttConnectionOptions options = PahoV5Client.options(true, 0);
      options.setRequestResponseInfo(true);

      IMqttToken token = client.connect(options);

      assertThat(token.getResponseProperties().getResponseInfo())
          .isEqualTo("responses/v5-rri");
    }
  }

  @Test
  void unacknowledgedQos1_resentAfterReconnectToPersistentSession() throws Exception {
    try (PahoV5Client pub = client("v5-resend-pub").connect()) {
      PahoV5Client first = client("v5-resend-sub");
      first.client.setManualAcks(true);
      first.connect(PahoV5Client.options(true, 600));
      first.client.subscribe("resend/t", 1).waitForCompletion(5_000);
      pub.client.publish("resend/t", message("unacked", 1, false)).waitForCompletion(5_000);
      assertThat(first.next().message().isDuplicate()).isFalse();
      first.client.disconnectForcibly(0, 1_000, false); // gone without PUBACK
      first.client.close(true);

      try (PahoV5Client second = client("v5-resend-sub")) {
        IMqttToken connected = second.connect(PahoV5Client.options(false, 600));
        assertThat(connected.getSessionPresent()).isTrue();

        PahoV5Client.Received resent = second.next();
        assertThat(resent.payload()).isEqualTo("unacked"); // DUP=1: see RawSocketBrokerIT
      }
    }
  }

  @Test
  void sharedSubscription_memberSessionEnds_unacknowledgedQos1GoesToOtherMember()
      throws Exception {
    try (PahoV5Client other = client("v5-reroute-b");
         PahoV5Client pub = client("v5-reroute-pub").connect()) {
      PahoV5Client leaving = client("v5-reroute-a");
      leaving.client.setManualAcks(true);
      leaving.connect();
      leaving.client.subscribe("$share/rr/jobs/#", 1).waitForCompletion(5_000);
      pub.client.publish("jobs/1", message("job-1", 1, false)).waitForCompletion(5_000);
      assertThat(leaving.next().payload()).isEqualTo("job-1");
      other.connect();
      other.client.subscribe("$share/rr/jobs/#", 1).waitForCompletion(5_000);

      leaving.client.disconnectForcibly(0, 1_000, false); // session expiry 0: the session ends
      leaving.client.close(true);

      assertThat(other.next().payload()).isEqualTo("job-1");
    }
  }

  @Test
  void sessionExpiry_sessionGoneAfterInterval() throws Exception {
    try (PahoV5Client client = client("v5-expiring")) {
      client.connect(PahoV5Client.options(true, 1));
      client.client.disconnect().waitForCompletion(5_000);
      Thread.sleep(1_500);

      assertThat(client.connect(PahoV5Client.options(false, 1)).getSessionPresent()).isFalse();
    }
  }

  private static void subscribeWithId(PahoV5Client client, MqttSubscription subscription, int id)
      throws MqttException {
    MqttProperties properties = new MqttProperties();
    properties.setSubscriptionIdentifier(id);
    client.client.subscribe(new MqttSubscription[] {subscription}, null, null, properties)
        .waitForCompletion(5_000);
  }
}
