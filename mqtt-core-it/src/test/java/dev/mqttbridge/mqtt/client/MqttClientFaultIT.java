package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Faults between client and Mosquitto, made by the test-support FaultProxy. */
class MqttClientFaultIT {

  private static final MqttReconnectPolicy FAST_RECONNECT =
      MqttReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(500));

  private MosquittoBroker broker;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeEach
  void startBroker() {
    broker = MosquittoBroker.start(MosquittoConfig.durable());
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    broker.close();
  }

  private FaultProxy proxy() {
    FaultProxy proxy = FaultProxy.start(broker.port());
    resources.add(proxy);
    return proxy;
  }

  private MqttClient client(MqttClientBuilder builder) {
    MqttClient client = builder.build();
    resources.add(client);
    return client;
  }

  @ParameterizedTest
  @EnumSource(value = MqttQos.class, names = {"AT_LEAST_ONCE", "EXACTLY_ONCE"})
  void linksCutMidFlow_nothingLost_qos2NothingDuplicated(MqttQos qos) {
    FaultProxy publisherLink = proxy();
    FaultProxy subscriberLink = proxy();
    Map<String, Integer> counts = new HashMap<>();
    MqttClient subscriber = client(MqttClient.builder().serverUri(subscriberLink.uri())
        .clientId("cut-sub").cleanStart(true).sessionExpiryInterval(300)
        .reconnectPolicy(FAST_RECONNECT));
    subscriber.connect().join();
    subscriber.subscribe(MqttSubscription.of("cut/t", qos), m -> {
      synchronized (counts) {
        counts.merge(m.message().payloadAsString(), 1, Integer::sum);
      }
    }).join();
    MqttClient publisher = client(MqttClient.builder().serverUri(publisherLink.uri())
        .clientId("cut-pub").cleanStart(true).sessionExpiryInterval(300).inflightWindow(20)
        .reconnectPolicy(FAST_RECONNECT));
    publisher.connect().join();

    int total = 300;
    List<CompletableFuture<MqttPublishResult>> futures = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      futures.add(publisher.publish(MqttMessage.builder("cut/t").qos(qos).payload("m" + i).build()));
      if (i == 100 || i == 200) {
        publisherLink.cutAll();
        subscriberLink.cutAll();
      }
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(futures).allSatisfy(f -> assertThat(f.join().isSuccess()).isTrue());
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      synchronized (counts) {
        return counts.size() == total;
      }
    });
    assertThat(publisher.metrics().reconnects()).isGreaterThanOrEqualTo(1);
    if (qos == MqttQos.EXACTLY_ONCE) {
      synchronized (counts) {
        assertThat(counts.values()).as("each QoS 2 message exactly once").containsOnly(1);
      }
    }
  }

  @Test
  void stalledLink_deadLinkDetectedByKeepAlive_reconnectsWhenLinkRecovers() {
    FaultProxy link = proxy();
    MqttClient client = client(MqttClient.builder().serverUri(link.uri()).keepAlive(1)
        .reconnectPolicy(FAST_RECONNECT));
    client.connect().join();
    link.stall(true);
    await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
    link.stall(false);
    await().atMost(Duration.ofSeconds(15)).until(client::isConnected);
    assertThat(client.metrics().reconnects()).isGreaterThanOrEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
  void autoReconnect_withoutSession_subscriptionsMadeAgain(MqttVersion version) {
    FaultProxy link = proxy();
    MessageCollector received = new MessageCollector();
    MqttClient subscriber = client(MqttClient.builder().serverUri(link.uri()).version(version)
        .clientId("resub-" + version).reconnectPolicy(FAST_RECONNECT));
    subscriber.connect().join();
    subscriber.subscribe(MqttSubscription.of("resub/t", MqttQos.AT_LEAST_ONCE), received).join();
    link.cutAll();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> subscriber.isConnected() && subscriber.metrics().reconnects() >= 1);

    MqttClient publisher = client(MqttClient.builder().serverUri(broker.uri()));
    publisher.connect().join();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      publisher.publish(MqttMessage.builder("resub/t").qos(1).payload("after").build()).join();
      return received.count() > 0;
    });
    assertThat(received.next().message().payloadAsString()).isEqualTo("after");
  }

  @Test
  void linkCutBeforeSuback_reconnectOff_subscribeAndUnsubscribeFailWithConnectionLost() {
    FaultProxy link = proxy();
    MqttClient client = client(MqttClient.builder().serverUri(link.uri())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED));
    client.connect().join();
    link.stall(true);
    CompletableFuture<MqttSubscribeResult> subscribed =
        client.subscribe(MqttSubscription.of("lost/t", MqttQos.AT_LEAST_ONCE), m -> { });
    CompletableFuture<MqttUnsubscribeResult> unsubscribed = client.unsubscribe(List.of("lost/u"));
    link.cutAll();

    for (CompletableFuture<?> future : List.of(subscribed, unsubscribed)) {
      assertThat(future).failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(MqttConnectionLostException.class);
    }
    link.passThrough();
    client.connect().join();
    assertThat(client.subscribe(MqttSubscription.of("lost/t", MqttQos.AT_LEAST_ONCE), m -> { })
        .join().isSuccess()).as("a new subscribe after connect works").isTrue();
  }

  @Test
  void linkCutBeforeSuback_reconnectOn_subscribeCompletesAfterReconnect() {
    FaultProxy link = proxy();
    MessageCollector received = new MessageCollector();
    MqttClient client = client(MqttClient.builder().serverUri(link.uri())
        .reconnectPolicy(FAST_RECONNECT));
    client.connect().join();
    link.stall(true);
    CompletableFuture<MqttSubscribeResult> subscribed =
        client.subscribe(MqttSubscription.of("kept/t", MqttQos.AT_LEAST_ONCE), received);
    link.cutAll();
    link.passThrough();

    assertThat(subscribed).succeedsWithin(Duration.ofSeconds(15))
        .matches(MqttSubscribeResult::isSuccess);
    assertThat(client.metrics().reconnects()).isGreaterThanOrEqualTo(1);
    MqttClient publisher = client(MqttClient.builder().serverUri(broker.uri()));
    publisher.connect().join();
    publisher.publish(MqttMessage.builder("kept/t").qos(1).payload("after").build()).join();
    assertThat(received.next().message().payloadAsString()).isEqualTo("after");
  }

  @Test
  void stalledLink_inflightWindowFull_queueBounded_thenEverythingCompletes() {
    FaultProxy link = proxy();
    MqttClient client = client(MqttClient.builder().serverUri(link.uri()).inflightWindow(5)
        .maximumPendingPublishes(10).reconnectPolicy(MqttReconnectPolicy.DISABLED));
    client.connect().join();
    link.stall(true);
    List<CompletableFuture<MqttPublishResult>> accepted = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      accepted.add(client.publish(MqttMessage.builder("bp/t").qos(1).payload("m" + i).build()));
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> client.metrics().inflight() == 5
        && client.metrics().pending() == 10);

    CompletableFuture<MqttPublishResult> refused =
        client.publish(MqttMessage.builder("bp/t").qos(1).build());
    assertThat(refused).failsWithin(Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(MqttQueueFullException.class);

    link.stall(false);
    CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new))
        .orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(client.metrics().acknowledged()).isEqualTo(15);
  }

  @Test
  void brokerRestartWithoutPersistence_failPolicy_unacknowledgedFailWithSessionLost() {
    MosquittoBroker forgetful = MosquittoBroker.start();
    resources.add(forgetful);
    FaultProxy link = FaultProxy.start(forgetful.port());
    resources.add(link);
    MqttClient client = client(MqttClient.builder().serverUri(link.uri()).clientId("lost")
        .sessionExpiryInterval(300).reconnectPolicy(FAST_RECONNECT));
    client.connect().join();
    link.stall(true);
    CompletableFuture<MqttPublishResult> unacked =
        client.publish(MqttMessage.builder("lost/t").qos(1).payload("x").build());
    await().atMost(Duration.ofSeconds(5)).until(() -> client.metrics().inflight() == 1);

    forgetful.restart();
    link.stall(false);
    link.cutAll();

    assertThat(unacked).failsWithin(Duration.ofSeconds(20))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(MqttSessionLostException.class);
  }

  @Test
  void brokerRestartWithoutPersistence_resendPolicy_unacknowledgedDeliveredAfterResubscribe() {
    MosquittoBroker forgetful = MosquittoBroker.start();
    resources.add(forgetful);
    FaultProxy link = FaultProxy.start(forgetful.port());
    resources.add(link);
    MessageCollector received = new MessageCollector();
    MqttClient client = client(MqttClient.builder().serverUri(link.uri()).clientId("resend")
        .sessionExpiryInterval(300).sessionLostPolicy(MqttSessionLostPolicy.RESEND_AS_NEW)
        .reconnectPolicy(FAST_RECONNECT));
    client.connect().join();
    client.subscribe(MqttSubscription.of("resend/t", MqttQos.AT_LEAST_ONCE), received).join();
    link.stall(true);
    CompletableFuture<MqttPublishResult> unacked =
        client.publish(MqttMessage.builder("resend/t").qos(1).payload("again").build());
    await().atMost(Duration.ofSeconds(5)).until(() -> client.metrics().inflight() == 1);

    forgetful.restart();
    link.stall(false);
    link.cutAll();

    assertThat(unacked.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join().isSuccess())
        .isTrue();
    assertThat(received.next().message().payloadAsString())
        .as("subscription made again before the re-sent publish").isEqualTo("again");
  }

  @Test
  void serverRefusesReconnects_publishesWaitInQueue_deliveredOnceLinkAccepts() {
    FaultProxy link = proxy();
    MessageCollector received = new MessageCollector();
    MqttClient subscriber = client(MqttClient.builder().serverUri(broker.uri()));
    subscriber.connect().join();
    subscriber.subscribe(MqttSubscription.of("refuse/t", MqttQos.AT_LEAST_ONCE), received).join();
    MqttClient publisher = client(MqttClient.builder().serverUri(link.uri()).clientId("refused")
        .sessionExpiryInterval(300).reconnectPolicy(FAST_RECONNECT));
    publisher.connect().join();

    link.refuseNew(true);
    link.cutAll();
    await().atMost(Duration.ofSeconds(5)).until(() -> !publisher.isConnected());
    List<CompletableFuture<MqttPublishResult>> queued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queued.add(publisher.publish(MqttMessage.builder("refuse/t").qos(1).payload("q" + i)
          .build()));
    }
    await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
        .until(() -> link.acceptedCount() >= 3);
    assertThat(queued).noneMatch(CompletableFuture::isDone);
    assertThat(publisher.metrics().pending()).isEqualTo(5);

    link.refuseNew(false);
    CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new))
        .orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
    for (int i = 0; i < 5; i++) {
      assertThat(received.next().message().payloadAsString()).isEqualTo("q" + i);
    }
  }
}
