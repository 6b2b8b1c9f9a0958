package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Futures complete on a thread apart from the message handlers', against our embedded broker: a
 * handler that waits for a SUBACK or a PUBACK does not wait for its own thread.
 */
class MqttClientCallbackThreadsIT {

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

  private MqttClient client() {
    MqttClient client = MqttClient.builder().serverUri(broker.uri())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    clients.add(client);
    client.connect().join();
    return client;
  }

  @Test
  void handlerWaitsForSubackAndPuback_completesWithoutDeadlock() {
    MqttClient client = client();
    MessageCollector second = new MessageCollector();
    CompletableFuture<String> handlerOutcome = new CompletableFuture<>();
    client.subscribe(MqttSubscription.of("first", MqttQos.AT_LEAST_ONCE), message -> {
      try {
        // Both futures complete on the completion thread, not on this (the only handler) thread.
        MqttSubscribeResult granted = client.subscribe(
            MqttSubscription.of("second", MqttQos.AT_LEAST_ONCE), second).get(10, TimeUnit.SECONDS);
        MqttPublishResult published = client.publish(MqttMessage.builder("second").qos(1)
            .payload("from handler").build()).get(10, TimeUnit.SECONDS);
        handlerOutcome.complete(granted.reasonCodes() + " " + published.reasonCode());
      } catch (Exception e) {
        handlerOutcome.completeExceptionally(e);
      }
    }).join();

    client.publish(MqttMessage.builder("first").qos(1).payload("go").build()).join();
    assertThat(handlerOutcome.orTimeout(20, TimeUnit.SECONDS).join())
        .isEqualTo(List.of(MqttReasonCode.GRANTED_QOS_1) + " " + MqttReasonCode.SUCCESS);
    assertThat(second.next().message().payloadAsString()).isEqualTo("from handler");
  }

  @Test
  void futuresCompleteOffTheHandlerThread() throws Exception {
    MqttClient client = MqttClient.builder().serverUri(broker.uri())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    clients.add(client);
    CompletableFuture<String> handlerThread = new CompletableFuture<>();
    // Subscribed before connecting, so the SUBACK cannot complete the future before the stage
    // that records its thread is attached.
    CompletableFuture<String> completionThread = client.subscribe(
            MqttSubscription.of("where", MqttQos.AT_MOST_ONCE),
            message -> handlerThread.complete(Thread.currentThread().getName()))
        .thenApply(result -> Thread.currentThread().getName());
    client.connect().join();
    client.publish(MqttMessage.builder("where").payload("x").build()).join();
    assertThat(handlerThread.get(10, TimeUnit.SECONDS)).startsWith("mqtt-client-callbacks");
    assertThat(completionThread.get(10, TimeUnit.SECONDS)).startsWith("mqtt-client-completions");
  }
}
