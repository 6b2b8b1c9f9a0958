package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Persistent sessions against Mosquitto with the durable profile. */
class MqttClientSessionIT {

  @ParameterizedTest
  @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
  void persistentSession_reconnectAfterDisconnect_missedMessagesReachTheSameHandler(
      MqttVersion version) throws InterruptedException {
    try (MosquittoBroker broker = MosquittoBroker.start(MosquittoConfig.durable());
        MqttClient subscriber = MqttClient.builder().serverUri(broker.uri()).version(version)
            .clientId("persistent-" + version).cleanStart(false).sessionExpiryInterval(300)
            .build();
        MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).version(version)
            .clientId("publisher-" + version).build()) {
      MessageCollector received = new MessageCollector();
      subscriber.connect().join();
      subscriber.subscribe(MqttSubscription.of("session/t", MqttQos.EXACTLY_ONCE), received)
          .join();
      subscriber.disconnect().join();

      publisher.connect().join();
      for (int i = 0; i < 5; i++) {
        // QoS 1 and 2: Mosquitto does not queue QoS 0 for offline sessions.
        publisher.publish(MqttMessage.builder("session/t").qos(1 + i % 2).payload("m" + i)
            .build()).join();
      }

      assertThat(subscriber.connect().join().sessionPresent()).isTrue();
      for (int i = 0; i < 5; i++) {
        assertThat(received.next().message().payloadAsString()).isEqualTo("m" + i);
      }
      received.expectNothingWithin(Duration.ofMillis(300));
    }
  }

  @ParameterizedTest
  @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
  void brokerRestart_durableProfile_sessionAndSubscriptionSurvive(MqttVersion version) {
    try (MosquittoBroker broker = MosquittoBroker.start(MosquittoConfig.durable());
        MqttClient subscriber = MqttClient.builder().serverUri(broker.uri()).version(version)
            .clientId("durable-" + version).cleanStart(false).sessionExpiryInterval(300)
            .reconnectPolicy(MqttReconnectPolicy.exponential(Duration.ofMillis(100),
                Duration.ofMillis(500)))
            .build();
        MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).version(version)
            .clientId("durable-pub-" + version).build()) {
      MessageCollector received = new MessageCollector();
      subscriber.connect().join();
      subscriber.subscribe(MqttSubscription.of("durable/t", MqttQos.AT_LEAST_ONCE), received)
          .join();

      broker.restart();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
          .until(subscriber::isConnected);

      publisher.connect().join();
      publisher.publish(MqttMessage.builder("durable/t").qos(1).payload("after restart").build())
          .join();
      assertThat(received.next().message().payloadAsString()).isEqualTo("after restart");
      assertThat(subscriber.metrics().reconnects()).isEqualTo(1);
    }
  }
}
