package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several publishers at once through the broker: nothing lost, per-publisher order kept. */
class ConcurrentPublishersBrokerIT {

  private static final int PUBLISHERS = 4;
  private static final int MESSAGES = 500;

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();

  @Test
  void concurrentQos1Publishers_everySubscriberGetsEveryMessageInPublisherOrder()
      throws Exception {
    Queue<String> toV5 = new ConcurrentLinkedQueue<>();
    Queue<String> toV3 = new ConcurrentLinkedQueue<>();
    Mqtt5AsyncClient v5 = Mqtt5Client.builder().identifier("load-sub-5")
        .serverHost(BROKER.host()).serverPort(BROKER.port()).buildAsync();
    v5.connect().get();
    v5.subscribeWith().topicFilter("load/#").qos(MqttQos.AT_LEAST_ONCE)
        .callback(p -> toV5.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
        .send().get();
    Mqtt3AsyncClient v3 = Mqtt3Client.builder().identifier("load-sub-3")
        .serverHost(BROKER.host()).serverPort(BROKER.port()).buildAsync();
    v3.connect().get();
    v3.subscribeWith().topicFilter("load/#").qos(MqttQos.AT_LEAST_ONCE)
        .callback(p -> toV3.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
        .send().get();

    ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < PUBLISHERS; p++) {
        int publisher = p;
        done.add(threads.submit(() -> {
          Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("load-pub-" + publisher)
              .serverHost(BROKER.host()).serverPort(BROKER.port()).buildBlocking();
          client.connect();
          for (int i = 0; i < MESSAGES; i++) {
            client.publishWith().topic("load/" + publisher).qos(MqttQos.AT_LEAST_ONCE)
                .payload((publisher + ":" + i).getBytes(StandardCharsets.UTF_8)).send();
          }
          client.disconnect();
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdown();
    }

    await().atMost(Duration.ofSeconds(30))
        .until(() -> toV5.size() >= PUBLISHERS * MESSAGES && toV3.size() >= PUBLISHERS * MESSAGES);
    assertInPublisherOrderWithoutGaps(toV5);
    assertInPublisherOrderWithoutGaps(toV3);
    v5.disconnect().get();
    v3.disconnect().get();
  }

  private static void assertInPublisherOrderWithoutGaps(Queue<String> received) {
    assertThat(received).hasSize(PUBLISHERS * MESSAGES);
    Map<String, Integer> next = new HashMap<>();
    for (String payload : received) {
      String[] parts = payload.split(":");
      int expected = next.getOrDefault(parts[0], 0);
      assertThat(Integer.parseInt(parts[1])).as("order from publisher %s", parts[0])
          .isEqualTo(expected);
      next.put(parts[0], expected + 1);
    }
  }
}
