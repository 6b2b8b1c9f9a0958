package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two kinds of backpressure, against Mosquitto behind a stalled proxy: {@code publish} (the
 * default) fails fast when the inflight window and the queue are full; {@code publishWhenRoom}
 * waits, in order, and tells when each message entered the inflight window.
 */
class MqttClientBackpressureIT {

  private static final int WINDOW = 2;
  private static final int QUEUE = 2;

  private MosquittoBroker broker;
  private FaultProxy proxy;
  private final List<MqttClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    broker = MosquittoBroker.start();
    proxy = FaultProxy.start(broker.port());
  }

  @AfterEach
  void stop() {
    clients.forEach(MqttClient::close);
    proxy.close();
    broker.close();
  }

  private MqttClient client(MqttClientBuilder builder) {
    MqttClient client = builder.reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    clients.add(client);
    client.connect().join();
    return client;
  }

  @Test
  void queueFull_publishFailsFast_publishWhenRoomWaitsAndEveryMessageArrivesInOrder() {
    MessageCollector received = new MessageCollector();
    MqttClient subscriber = client(MqttClient.builder().serverUri(broker.uri()));
    subscriber.subscribe(MqttSubscription.of("room", MqttQos.AT_LEAST_ONCE), received).join();
    MqttClient publisher = client(MqttClient.builder().serverUri(proxy.uri())
        .inflightWindow(WINDOW).maximumPendingPublishes(QUEUE));

    proxy.stall(true);
    List<CompletableFuture<MqttPublishResult>> fitting = IntStream.range(0, WINDOW + QUEUE)
        .mapToObj(i -> publisher.publish(message("fit" + i))).toList();
    assertThat(publisher.publish(message("refused")))
        .failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
        .withCauseInstanceOf(MqttQueueFullException.class);

    List<MqttWaitingPublish> waiting = IntStream.range(0, 10)
        .mapToObj(i -> publisher.publishWhenRoom(message("wait" + i))).toList();
    assertThat(waiting).allSatisfy(w -> assertThat(w.inflight()).isNotDone());
    // publish() counts a message pending at once; the event loop then moves WINDOW to inflight.
    await().atMost(Duration.ofSeconds(15)).untilAsserted(
        () -> assertThat(publisher.metrics().pending()).isEqualTo(QUEUE));

    proxy.stall(false);
    fitting.forEach(f -> assertThat(f.orTimeout(15, TimeUnit.SECONDS).join().isSuccess()).isTrue());
    waiting.forEach(w -> {
      w.inflight().orTimeout(15, TimeUnit.SECONDS).join();
      assertThat(w.result().orTimeout(15, TimeUnit.SECONDS).join().isSuccess()).isTrue();
    });
    List<String> expected = new ArrayList<>();
    IntStream.range(0, WINDOW + QUEUE).forEach(i -> expected.add("fit" + i));
    IntStream.range(0, 10).forEach(i -> expected.add("wait" + i));
    await().atMost(MessageCollector.WAIT).until(() -> received.count() >= expected.size());
    assertThat(received.payloads()).containsExactlyElementsOf(expected);
  }

  private static MqttMessage message(String payload) {
    return MqttMessage.builder("room").qos(1).payload(payload).build();
  }
}
