package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientClosedException;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import dev.mqttbridge.mqtt.client.MqttQueueFullException;
import dev.mqttbridge.mqtt.client.MqttWaitingPublish;
import dev.mqttbridge.mqtt.internal.io.IoTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class NettyMqttClientTest {

  private static MqttMessage message() {
    return MqttMessage.builder("t").qos(1).build();
  }

  @Test
  void connectsOverNativeEpollWhereItLoads() {
    try (MqttBroker broker = MqttBroker.builder().port(0).build().start()) {
      MqttClient client = MqttClient.builder().serverUri(broker.uri()).build();
      try {
        client.connect().join();
        // What IoTransport chose (epoll here: IoTransportTest) is what the connection runs on.
        assertThat(((NettyMqttClient) client).channelType())
            .isEqualTo(IoTransport.select().socketChannel());
      } finally {
        client.close();
      }
    }
  }

  @Test
  void publishWhileNotConnected_waitsInBoundedQueue_beyondItFailsWithQueueFull() {
    MqttClient client = MqttClient.builder().inflightWindow(1).maximumPendingPublishes(2).build();
    List<CompletableFuture<MqttPublishResult>> accepted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      accepted.add(client.publish(message()));
    }
    CompletableFuture<MqttPublishResult> refused = client.publish(message());
    assertThat(refused).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(MqttQueueFullException.class);
    assertThat(accepted).noneMatch(CompletableFuture::isDone);
    assertThat(client.metrics().pending()).isEqualTo(3);

    client.close();
    assertThat(accepted).allSatisfy(f -> assertThat(f).failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(MqttClientClosedException.class));
    assertThat(client.metrics().pending()).isZero();
  }

  @Test
  void publishWhenRoom_queueFull_waitsUpToMaximumWaiting_beyondItFailsWithQueueFull() {
    MqttClient client = MqttClient.builder().inflightWindow(1).maximumPendingPublishes(1)
        .maximumWaitingPublishes(2).build();
    List<CompletableFuture<MqttPublishResult>> queued = List.of(client.publish(message()),
        client.publish(message()));
    List<MqttWaitingPublish> waiting = List.of(client.publishWhenRoom(message()),
        client.publishWhenRoom(message()));
    MqttWaitingPublish refused = client.publishWhenRoom(message());
    assertThat(refused.result()).failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(MqttQueueFullException.class);
    assertThat(refused.inflight()).isCompletedExceptionally();
    assertThat(queued).noneMatch(CompletableFuture::isDone);
    assertThat(waiting).noneMatch(w -> w.result().isDone() || w.inflight().isDone());

    client.close();
    assertThat(waiting).allSatisfy(w -> assertThat(w.result())
        .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(MqttClientClosedException.class));
    MqttWaitingPublish afterClose = client.publishWhenRoom(message());
    assertThat(afterClose.result()).as("the closed waiting ones no longer count")
        .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(MqttClientClosedException.class);
  }
}
