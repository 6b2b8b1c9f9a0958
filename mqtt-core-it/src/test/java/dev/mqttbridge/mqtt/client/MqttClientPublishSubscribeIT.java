package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttRetainHandling;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PUBLISH and SUBSCRIBE against Mosquitto. */
class MqttClientPublishSubscribeIT {

  private static MosquittoBroker broker;
  private final List<MqttClient> clients = new ArrayList<>();

  @BeforeAll
  static void startBroker() {
    broker = MosquittoBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(MqttClient::close);
  }

  private MqttClient connected(MqttVersion version, String uri) {
    // MQTT 3.1 has no server-assigned ids.
    MqttClient client = MqttClient.builder().serverUri(uri).version(version)
        .clientId("ps-" + clients.size() + "-" + System.nanoTime()).reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    clients.add(client);
    client.connect().join();
    return client;
  }

  private MqttClient connected(MqttVersion version) {
    return connected(version, broker.uri());
  }

  static Stream<Arguments> versionsAndQos() {
    return Stream.of(MqttVersion.values()).flatMap(v -> Stream.of(MqttQos.values())
        .map(q -> Arguments.of(v, q)));
  }

  @ParameterizedTest
  @MethodSource("versionsAndQos")
  void publishAndSubscribe_roundTripAtEachQos(MqttVersion version, MqttQos qos) {
    MqttClient subscriber = connected(version);
    MqttClient publisher = connected(version);
    MessageCollector received = new MessageCollector();
    String topic = "rt/" + version + "/" + qos.code();
    MqttSubscribeResult subscribed =
        subscriber.subscribe(MqttSubscription.of(topic, qos), received).join();
    assertThat(subscribed.reasonCodes()).containsExactly(MqttReasonCode.grantedQos(qos));

    MqttPublishResult result = publisher.publish(
        MqttMessage.builder(topic).qos(qos).payload("hello " + qos).build()).join();

    assertThat(result.isSuccess()).isTrue();
    MqttReceivedMessage message = received.next();
    assertThat(message.message().payloadAsString()).isEqualTo("hello " + qos);
    assertThat(message.message().qos()).isEqualTo(qos);
    assertThat(publisher.metrics().published()).isEqualTo(1);
    assertThat(subscriber.metrics().received()).isEqualTo(1);
    assertThat(publisher.metrics().bytesOut()).isPositive();
    assertThat(subscriber.metrics().bytesIn()).isPositive();
  }

  @Test
  void retainedMessage_deliveredToLaterSubscriber_withRetainFlag() {
    MqttClient publisher = connected(MqttVersion.V5);
    publisher.publish(MqttMessage.builder("retained/a").qos(1).retain(true).payload("kept")
        .build()).join();
    MessageCollector received = new MessageCollector();
    connected(MqttVersion.V3_1_1).subscribe(
        MqttSubscription.of("retained/+", MqttQos.AT_LEAST_ONCE), received).join();
    MqttReceivedMessage message = received.next();
    assertThat(message.message().isRetain()).isTrue();
    assertThat(message.message().payloadAsString()).isEqualTo("kept");
    publisher.publish(MqttMessage.builder("retained/a").qos(1).retain(true).build()).join();
  }

  @Test
  void retainHandlingDoNotSend_skipsRetainedMessages() throws InterruptedException {
    MqttClient publisher = connected(MqttVersion.V5);
    publisher.publish(MqttMessage.builder("rh/a").qos(1).retain(true).payload("kept").build())
        .join();
    MessageCollector received = new MessageCollector();
    connected(MqttVersion.V5).subscribe(MqttSubscription.builder("rh/a")
        .retainHandling(MqttRetainHandling.DO_NOT_SEND).build(), received).join();
    received.expectNothingWithin(Duration.ofMillis(500));
    publisher.publish(MqttMessage.builder("rh/a").qos(1).retain(true).build()).join();
  }

  @Test
  void mqtt5Properties_roundTrip() {
    MqttClient client = connected(MqttVersion.V5);
    MessageCollector received = new MessageCollector();
    client.subscribe(MqttSubscription.of("props", MqttQos.EXACTLY_ONCE), received).join();
    MqttMessage sent = MqttMessage.builder("props").qos(2).payload("{}")
        .contentType("application/json").responseTopic("reply/here")
        .correlationData("corr".getBytes(StandardCharsets.UTF_8)).messageExpiryInterval(60)
        .userProperty("k", "v1").userProperty("k", "v2").build();
    client.publish(sent).join();

    MqttMessage got = received.next().message();
    assertThat(got.contentType()).isEqualTo("application/json");
    assertThat(got.responseTopic()).isEqualTo("reply/here");
    assertThat(got.correlationData()).isEqualTo("corr".getBytes(StandardCharsets.UTF_8));
    assertThat(got.isPayloadUtf8()).isTrue();
    assertThat(got.userProperties()).containsExactly(MqttUserProperty.of("k", "v1"),
        MqttUserProperty.of("k", "v2"));
    assertThat(got.messageExpiryInterval()).isPresent();
  }

  @Test
  void noLocal_ownPublishesNotReceived() throws InterruptedException {
    MqttClient client = connected(MqttVersion.V5);
    MessageCollector received = new MessageCollector();
    client.subscribe(MqttSubscription.builder("nolocal").noLocal(true).build(), received).join();
    client.publish(MqttMessage.builder("nolocal").qos(1).payload("mine").build()).join();
    connected(MqttVersion.V5).publish(MqttMessage.builder("nolocal").qos(1).payload("theirs")
        .build()).join();
    assertThat(received.next().message().payloadAsString()).isEqualTo("theirs");
    received.expectNothingWithin(Duration.ofMillis(300));
  }

  @Test
  void overlappingSubscriptions_mqtt5_eachHandlerGetsTheMessageOnce() throws InterruptedException {
    MqttClient client = connected(MqttVersion.V5);
    MessageCollector exact = new MessageCollector();
    MessageCollector wildcard = new MessageCollector();
    MqttSubscribeResult first =
        client.subscribe(MqttSubscription.of("ov/a", MqttQos.AT_LEAST_ONCE), exact).join();
    MqttSubscribeResult second =
        client.subscribe(MqttSubscription.of("ov/#", MqttQos.AT_LEAST_ONCE), wildcard).join();
    assertThat(first.subscriptionIdentifier()).isNotEqualTo(second.subscriptionIdentifier());

    client.publish(MqttMessage.builder("ov/a").qos(1).payload("x").build()).join();
    client.publish(MqttMessage.builder("ov/b").qos(1).payload("y").build()).join();

    assertThat(exact.next().message().payloadAsString()).isEqualTo("x");
    assertThat(wildcard.next().message().payloadAsString()).isIn("x", "y");
    assertThat(wildcard.next().message().payloadAsString()).isIn("x", "y");
    exact.expectNothingWithin(Duration.ofMillis(300));
    wildcard.expectNothingWithin(Duration.ofMillis(1));
  }

  @Test
  void sharedSubscription_eachMessageGoesToOneMember() {
    MessageCollector first = new MessageCollector();
    MessageCollector second = new MessageCollector();
    connected(MqttVersion.V5).subscribe(
        MqttSubscription.of("$share/g/shared/t", MqttQos.AT_LEAST_ONCE), first).join();
    connected(MqttVersion.V3_1_1).subscribe(
        MqttSubscription.of("$share/g/shared/t", MqttQos.AT_LEAST_ONCE), second).join();
    MqttClient publisher = connected(MqttVersion.V5);
    for (int i = 0; i < 10; i++) {
      publisher.publish(MqttMessage.builder("shared/t").qos(1).payload("m" + i).build()).join();
    }
    org.awaitility.Awaitility.await().atMost(MessageCollector.WAIT)
        .until(() -> first.count() + second.count() == 10);
    List<String> all = new ArrayList<>(first.payloads());
    all.addAll(second.payloads());
    assertThat(all).doesNotHaveDuplicates().hasSize(10);
  }

  @Test
  void unsubscribe_stopsDelivery() throws InterruptedException {
    MqttClient client = connected(MqttVersion.V3_1_1);
    MessageCollector received = new MessageCollector();
    client.subscribe(MqttSubscription.of("unsub", MqttQos.AT_LEAST_ONCE), received).join();
    MqttUnsubscribeResult result = client.unsubscribe(List.of("unsub")).join();
    assertThat(result.reasonCodes()).containsExactly(MqttReasonCode.SUCCESS);
    client.publish(MqttMessage.builder("unsub").qos(1).build()).join();
    received.expectNothingWithin(Duration.ofMillis(300));
  }

  @Test
  void outgoingTopicAliases_deliveredWithRealTopic() {
    MqttClient subscriber = connected(MqttVersion.V5);
    MessageCollector received = new MessageCollector();
    subscriber.subscribe(MqttSubscription.of("alias/#", MqttQos.AT_LEAST_ONCE), received).join();
    MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).assignTopicAliases(true)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    clients.add(publisher);
    publisher.connect().join();
    for (int i = 0; i < 3; i++) {
      publisher.publish(MqttMessage.builder("alias/long/topic/name").qos(1).payload("p" + i)
          .build()).join();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(received.next().message().topic()).isEqualTo("alias/long/topic/name");
    }
  }

  @Test
  void will_publishedWhenConnectionBreaks() {
    MessageCollector wills = new MessageCollector();
    connected(MqttVersion.V5).subscribe(MqttSubscription.of("will/t", MqttQos.AT_LEAST_ONCE),
        wills).join();
    try (FaultProxy proxy = FaultProxy.start(broker.port())) {
      MqttClient dying = MqttClient.builder().serverUri(proxy.uri()).version(MqttVersion.V3_1_1)
          .clientId("dying").keepAlive(5)
          .will(MqttWill.of(MqttMessage.builder("will/t").qos(1).payload("gone").build()))
          .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
      clients.add(dying);
      dying.connect().join();
      proxy.cutAll();
      assertThat(wills.next().message().payloadAsString()).isEqualTo("gone");
    }
  }

  @Test
  void publishOverServerMaximumPacketSize_failsThatPublishOnly() {
    try (MosquittoBroker small = MosquittoBroker.start(
            dev.mqttbridge.test.mosquitto.MosquittoConfig.builder().maxPacketSize(1_000).build());
        MqttClient client = MqttClient.builder().serverUri(small.uri())
            .reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
      client.connect().join();
      assertThat(client.publish(MqttMessage.builder("big").qos(1).payload(new byte[2_000])
          .build())).failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause().isInstanceOf(MqttClientException.class)
          .withMessageContaining("Maximum Packet Size");
      assertThat(client.publish(MqttMessage.builder("small").qos(1).payload("ok").build()).join()
          .isSuccess()).isTrue();
      assertThat(client.isConnected()).isTrue();
    }
  }

  @Test
  void slowHandler_doesNotStopKeepAliveOrOtherTraffic() throws InterruptedException {
    MqttClient client = MqttClient.builder().serverUri(broker.uri()).keepAlive(1)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    clients.add(client);
    client.connect().join();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    client.subscribe(MqttSubscription.of("slow", MqttQos.AT_LEAST_ONCE), m -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).join();
    connected(MqttVersion.V5).publish(MqttMessage.builder("slow").qos(1).build()).join();
    Thread.sleep(3_500);
    assertThat(client.isConnected()).as("pings went on while the handler blocked").isTrue();
    release.countDown();
  }
}
