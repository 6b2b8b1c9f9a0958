package dev.mqttbridge.benchmarks.connect;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.util.concurrent.Semaphore;

/** Our client publishing at QoS 1 as fast as a window of unacknowledged publishes allows. */
final class WindowedPublisher {

  private WindowedPublisher() {}

  /** Publishes the same message {@code records} times and waits until all are acknowledged. */
  static void publishAll(String serverUri, String clientId, String topic, int records,
      byte[] payload, int window) throws InterruptedException {
    try (MqttClient client = MqttClient.builder().serverUri(serverUri).clientId(clientId)
        .maximumPendingPublishes(window).build()) {
      client.connect().join();
      Semaphore room = new Semaphore(window);
      MqttMessage message = MqttMessage.builder(topic).payload(payload).qos(1).build();
      for (int i = 0; i < records; i++) {
        room.acquire();
        client.publish(message).whenComplete((result, error) -> room.release());
      }
      room.acquire(window);
    }
  }
}
