package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientConfig;
import com.hivemq.client.mqtt.mqtt5.auth.Mqtt5EnhancedAuthMechanism;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5Auth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5AuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HiveMQ MQTT client 1.4.2 (MQTT 5 and 3.1.1) against the embedded broker. */
class HiveMqBrokerIT {

  private static final String METHOD = "x-challenge";

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create(b -> b
      .maxKeepAlive(30)
      .authorizer(new ForbiddenTopicsAuthorizer())
      .enhancedAuthenticator((client, method) -> !method.equals(METHOD) ? null
          : data -> Arrays.equals(data, bytes("let-me-in"))
              ? AuthenticationStep.success(null)
              : data != null && Arrays.equals(data, bytes("hello"))
                  ? AuthenticationStep.challenge(bytes("password?"))
                  : AuthenticationStep.failure()));

  private static Mqtt5BlockingClient v5(String id) {
    return Mqtt5Client.builder().identifier(id).serverHost(BROKER.host())
        .serverPort(BROKER.port()).buildBlocking();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void qos2RoundTrip_mqtt5AndMqtt311Clients() throws Exception {
    Mqtt5BlockingClient sub = v5("hive-sub");
    sub.connect();
    Mqtt3BlockingClient pub = com.hivemq.client.mqtt.mqtt3.Mqtt3Client.builder()
        .identifier("hive-pub3").serverHost(BROKER.host()).serverPort(BROKER.port())
        .buildBlocking();
    pub.connectWith().keepAlive(20).send(); // within the broker's maximum of 30
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter("hive/q2").qos(MqttQos.EXACTLY_ONCE).send();

      pub.publishWith().topic("hive/q2").qos(MqttQos.EXACTLY_ONCE).payload(bytes("exact")).send();

      Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
      assertThat(received).isPresent();
      assertThat(received.get().getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
      assertThat(received.get().getPayloadAsBytes()).isEqualTo(bytes("exact"));
      assertThat(publishes.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
    } finally {
      pub.disconnect();
      sub.disconnect();
    }
  }

  @Test
  void clientAcceptsTopicAliases_messagesArriveWithTheirTopics() throws Exception {
    // Eclipse Paho MQTT 5 1.2.5 does not resolve aliases it receives (its topic is then empty),
    // so this runs with the HiveMQ client, which does.
    Mqtt5BlockingClient sub = v5("hive-alias-sub");
    sub.connectWith().restrictions().topicAliasMaximum(2).applyRestrictions().send();
    Mqtt5BlockingClient pub = v5("hive-alias-pub");
    pub.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter("hivealias/#").qos(MqttQos.EXACTLY_ONCE).send();

      for (MqttQos qos : MqttQos.values()) {
        pub.publishWith().topic("hivealias/same").qos(qos).payload(bytes(qos.name())).send();
      }

      for (MqttQos qos : MqttQos.values()) {
        Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
        assertThat(received).isPresent();
        assertThat(received.get().getTopic().toString()).isEqualTo("hivealias/same");
        assertThat(received.get().getPayloadAsBytes()).isEqualTo(bytes(qos.name()));
      }
    } finally {
      pub.disconnect();
      sub.disconnect();
    }
  }

  @Test
  void forbiddenPublish_pubackNotAuthorized() {
    Mqtt5BlockingClient client = v5("hive-forbidden-pub");
    client.connect();
    try {
      Optional<Throwable> error;
      try {
        Mqtt5PublishResult result = client.publishWith().topic("forbidden/t")
            .qos(MqttQos.AT_LEAST_ONCE).payload(bytes("x")).send();
        error = result.getError();
      } catch (Mqtt5PubAckException thrown) {
        error = Optional.of(thrown);
      }

      assertThat(error).containsInstanceOf(Mqtt5PubAckException.class);
      assertThat(((Mqtt5PubAckException) error.get()).getMqttMessage().getReasonCode())
          .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
    } finally {
      client.disconnect();
    }
  }

  @Test
  void forbiddenSubscribe_subackNotAuthorized() {
    Mqtt5BlockingClient client = v5("hive-forbidden-sub");
    client.connect();
    try {
      assertThatThrownBy(() -> client.subscribeWith().topicFilter("forbidden/#").send())
          .isInstanceOfSatisfying(Mqtt5SubAckException.class,
              e -> assertThat(e.getMqttMessage().getReasonCodes())
                  .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
    } finally {
      client.disconnect();
    }
  }

  @Test
  void disconnectWithWillMessage_willPublished_normalDisconnect_willNotPublished()
      throws Exception {
    Mqtt5BlockingClient watcher = v5("hive-will-watcher");
    watcher.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
             watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      watcher.subscribeWith().topicFilter("hivewill/#").send();
      Mqtt5BlockingClient normal = v5("hive-will-normal");
      normal.connectWith().willPublish().topic("hivewill/normal").payload(bytes("n"))
          .applyWillPublish().send();
      normal.disconnect();
      Mqtt5BlockingClient withWill = v5("hive-will-0x04");
      withWill.connectWith().willPublish().topic("hivewill/0x04").payload(bytes("w"))
          .applyWillPublish().send();

      withWill.disconnectWith()
          .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();

      assertThat(publishes.receive(10, TimeUnit.SECONDS).map(p -> p.getTopic().toString()))
          .contains("hivewill/0x04");
      assertThat(publishes.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
    } finally {
      watcher.disconnect();
    }
  }

  @Test
  void willDelay_willPublishedAfterDelay_cancelledByReconnect() throws Exception {
    Mqtt5BlockingClient watcher = v5("hive-delay-watcher");
    watcher.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
             watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      watcher.subscribeWith().topicFilter("hivedelay/#").send();
      Mqtt5BlockingClient delayed = v5("hive-delayed");
      delayed.connectWith().sessionExpiryInterval(60).willPublish().topic("hivedelay/fired")
          .payload(bytes("d")).delayInterval(1).applyWillPublish().send();
      Mqtt5BlockingClient cancelled = v5("hive-cancelled");
      cancelled.connectWith().sessionExpiryInterval(60).willPublish()
          .topic("hivedelay/cancelled").payload(bytes("c")).delayInterval(2)
          .applyWillPublish().send();

      long start = System.nanoTime();
      delayed.disconnectWith()
          .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
      cancelled.disconnectWith()
          .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
      Mqtt5BlockingClient back = v5("hive-cancelled");
      back.connectWith().cleanStart(false).sessionExpiryInterval(60).send();

      Optional<Mqtt5Publish> fired = publishes.receive(10, TimeUnit.SECONDS);
      assertThat(fired.map(p -> p.getTopic().toString())).contains("hivedelay/fired");
      assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(900));
      assertThat(publishes.receive(2_500, TimeUnit.MILLISECONDS)).isEmpty();
      back.disconnect();
    } finally {
      watcher.disconnect();
    }
  }

  @Test
  void keepAliveAboveMaximum_serverKeepAliveReturned() {
    Mqtt5BlockingClient client = v5("hive-keepalive");
    Mqtt5ConnAck connAck = client.connectWith().keepAlive(600).send();
    try {
      assertThat(connAck.getServerKeepAlive()).hasValue(30);
    } finally {
      client.disconnect();
    }
  }

  @Test
  void mqtt311KeepAliveAboveMaximum_refusedAsIdentifierRejected() {
    Mqtt3BlockingClient client = com.hivemq.client.mqtt.mqtt3.Mqtt3Client.builder()
        .identifier("hive-keepalive3").serverHost(BROKER.host()).serverPort(BROKER.port())
        .buildBlocking();

    assertThatThrownBy(() -> client.connectWith().keepAlive(600).send())
        .isInstanceOfSatisfying(Mqtt3ConnAckException.class,
            e -> assertThat(e.getMqttMessage().getReturnCode())
                .isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED));
  }

  @Test
  void enhancedAuthentication_challengeAnswered_connectedAndReauthenticated() {
    Mqtt5BlockingClient client = v5("hive-enhanced");
    client.connectWith().enhancedAuth(new ChallengeMechanism()).send();
    try {
      client.reauth();
      assertThat(client.getState().isConnected()).isTrue();
    } finally {
      client.disconnect();
    }
  }

  @Test
  void brokerClosed_mqtt5ClientToldServerShuttingDown() throws Exception {
    BlockingQueue<Throwable> causes = new LinkedBlockingQueue<>();
    try (MqttBroker own = MqttBroker.builder().port(0).build().start()) {
      Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("hive-shutdown")
          .serverHost("127.0.0.1").serverPort(own.port())
          .addDisconnectedListener(context -> causes.add(context.getCause()))
          .buildBlocking();
      client.connect();
      own.close();

      Throwable cause = causes.poll(10, TimeUnit.SECONDS);
      assertThat(cause).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
          e -> assertThat(e.getMqttMessage().getReasonCode())
              .isEqualTo(Mqtt5DisconnectReasonCode.SERVER_SHUTTING_DOWN));
    }
  }

  /** Sends "hello", answers the challenge "password?" with "let-me-in". */
  private static final class ChallengeMechanism implements Mqtt5EnhancedAuthMechanism {
    @Override
    public MqttUtf8String getMethod() {
      return MqttUtf8String.of(METHOD);
    }

    @Override
    public int getTimeout() {
      return 10;
    }

    @Override
    public CompletableFuture<Void> onAuth(
        Mqtt5ClientConfig config, Mqtt5Connect connect, Mqtt5EnhancedAuthBuilder builder) {
      builder.data(bytes("hello"));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> onReAuth(Mqtt5ClientConfig config, Mqtt5AuthBuilder builder) {
      builder.data(bytes("hello"));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> onContinue(
        Mqtt5ClientConfig config, Mqtt5Auth auth, Mqtt5AuthBuilder builder) {
      boolean challenged = auth.getData().map(HiveMqBrokerIT::text).orElse("").equals("password?");
      builder.data(bytes("let-me-in"));
      return CompletableFuture.completedFuture(challenged);
    }

    @Override
    public CompletableFuture<Boolean> onAuthSuccess(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {
      return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<Boolean> onReAuthSuccess(Mqtt5ClientConfig config, Mqtt5Auth auth) {
      return CompletableFuture.completedFuture(true);
    }

    @Override
    public void onAuthRejected(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {}

    @Override
    public void onReAuthRejected(Mqtt5ClientConfig config, Mqtt5Disconnect disconnect) {}

    @Override
    public void onAuthError(Mqtt5ClientConfig config, Throwable cause) {}

    @Override
    public void onReAuthError(Mqtt5ClientConfig config, Throwable cause) {}
  }

  private static String text(ByteBuffer buffer) {
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return new String(copy, StandardCharsets.UTF_8);
  }
}
