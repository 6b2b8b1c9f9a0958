package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against our own embedded broker. */
class MqttClientEmbeddedBrokerIT {

  private static MqttBroker broker;
  private final List<MqttClient> clients = new ArrayList<>();

  @BeforeAll
  static void startBroker() {
    broker = MqttBroker.builder().port(0).build().start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(MqttClient::close);
  }

  private MqttClient client(MqttClientBuilder builder) {
    MqttClient client = builder.serverUri(broker.uri())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    clients.add(client);
    return client;
  }

  static Stream<Arguments> versionsAndQos() {
    return Stream.of(MqttVersion.values()).flatMap(v -> Stream.of(MqttQos.values())
        .map(q -> Arguments.of(v, q)));
  }

  @ParameterizedTest
  @MethodSource("versionsAndQos")
  void publishAndSubscribe_roundTripAtEachQos(MqttVersion version, MqttQos qos) {
    MessageCollector received = new MessageCollector();
    MqttClient subscriber = client(MqttClient.builder().version(version)
        .clientId("emb-sub-" + version + "-" + qos.code()));
    subscriber.connect().join();
    subscriber.subscribe(MqttSubscription.of("emb/" + version, qos), received).join();
    MqttClient publisher = client(MqttClient.builder().version(version)
        .clientId("emb-pub-" + version + "-" + qos.code()));
    publisher.connect().join();

    MqttPublishResult result = publisher.publish(MqttMessage.builder("emb/" + version).qos(qos)
        .payload("hi").build()).join();

    assertThat(result.isSuccess()).isTrue();
    assertThat(received.next().message().payloadAsString()).isEqualTo("hi");
  }

  @ParameterizedTest
  @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
  void acksOutOfOrder_heldBackOnesRedeliveredAfterReconnect(MqttVersion version)
      throws InterruptedException {
    String clientId = "emb-acker-" + version;
    String topic = "emb/ack/" + version;
    MessageCollector received = new MessageCollector();
    MqttClient acker = client(MqttClient.builder().version(version).clientId(clientId)
        .cleanStart(false).sessionExpiryInterval(300).manualAcknowledgement(true));
    acker.connect().join();
    acker.subscribe(MqttSubscription.of(topic, MqttQos.AT_LEAST_ONCE), received).join();
    MqttClient publisher = client(MqttClient.builder().version(version)
        .clientId("emb-ack-pub-" + version));
    publisher.connect().join();
    for (int i = 1; i <= 3; i++) {
      publisher.publish(MqttMessage.builder(topic).qos(1).payload("m" + i).build()).join();
    }
    MqttReceivedMessage m1 = received.next();
    received.next();
    MqttReceivedMessage m3 = received.next();
    m3.acknowledge();
    m1.acknowledge();
    Thread.sleep(300);
    acker.close();

    MessageCollector redelivered = new MessageCollector();
    MqttClient resumed = client(MqttClient.builder().version(version).clientId(clientId)
        .cleanStart(false).sessionExpiryInterval(300).defaultHandler(redelivered));
    assertThat(resumed.connect().join().sessionPresent()).isTrue();
    assertThat(redelivered.next().message().payloadAsString()).isEqualTo("m2");
    assertThat(redelivered.next().message().payloadAsString()).isEqualTo("m3");
    redelivered.expectNothingWithin(Duration.ofMillis(500));
  }

  @org.junit.jupiter.api.Test
  void sessionTakenOver_clientBacksOffInsteadOfFighting() throws InterruptedException {
    // Our broker sends DISCONNECT 0x8E to the old connection; Mosquitto 2.0.11 just closes it.
    MqttClient first = MqttClient.builder().serverUri(broker.uri()).clientId("emb-twin")
        .reconnectPolicy(MqttReconnectPolicy.exponential(Duration.ofMillis(50),
            Duration.ofMillis(500)).withSessionTakenOverDelay(Duration.ofSeconds(30))).build();
    clients.add(first);
    first.connect().join();
    MqttClient second = client(MqttClient.builder().clientId("emb-twin"));
    second.connect().join();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> !first.isConnected());
    Thread.sleep(2_000);
    assertThat(first.isConnected()).as("backed off").isFalse();
    assertThat(second.isConnected()).as("not thrown out by the first").isTrue();
  }

  @org.junit.jupiter.api.Test
  void mqtt5ConnackProperties_honoured_receiveMaximumTopicAliasesResponseInformation() {
    try (MqttBroker strict = MqttBroker.builder().port(0).receiveMaximum(3).topicAliasMaximum(2)
        .responseInformation("reply/").build().start()) {
      MessageCollector received = new MessageCollector();
      MqttClient subscriber = MqttClient.builder().serverUri(strict.uri())
          .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
      clients.add(subscriber);
      subscriber.connect().join();
      subscriber.subscribe(MqttSubscription.of("alias/#", MqttQos.AT_LEAST_ONCE), received)
          .join();
      MqttClient publisher = MqttClient.builder().serverUri(strict.uri())
          .requestResponseInformation(true).assignTopicAliases(true)
          .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
      clients.add(publisher);
      MqttConnectResult result = publisher.connect().join();
      assertThat(result.serverReceiveMaximum()).isEqualTo(3);
      assertThat(result.topicAliasMaximum()).isEqualTo(2);
      assertThat(result.responseInformation()).startsWith("reply/");

      List<java.util.concurrent.CompletableFuture<MqttPublishResult>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        futures.add(publisher.publish(MqttMessage.builder("alias/" + (i % 3)).qos(1)
            .payload("p" + i).build()));
      }
      futures.forEach(f -> assertThat(f.join().isSuccess()).isTrue());
      for (int i = 0; i < 12; i++) {
        MqttMessage message = received.next().message();
        assertThat(message.topic()).isEqualTo("alias/" + (i % 3));
        assertThat(message.payloadAsString()).isEqualTo("p" + i);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void inflightWindow_limitedByServerReceiveMaximum() {
    try (MqttBroker strict = MqttBroker.builder().port(0).receiveMaximum(3).build().start();
        dev.mqttbridge.test.proxy.FaultProxy link =
            dev.mqttbridge.test.proxy.FaultProxy.start(strict.port())) {
      MqttClient client = MqttClient.builder().serverUri(link.uri())
          .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
      clients.add(client);
      client.connect().join();
      link.stall(true);
      List<java.util.concurrent.CompletableFuture<MqttPublishResult>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(client.publish(MqttMessage.builder("window").qos(2).payload("p" + i).build()));
      }
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> client.metrics().pending() == 7);
      assertThat(client.metrics().inflight()).isEqualTo(3);
      link.stall(false);
      futures.forEach(f -> assertThat(f.join().isSuccess()).isTrue());
      assertThat(client.metrics().acknowledged()).isEqualTo(10);
    }
  }
}
