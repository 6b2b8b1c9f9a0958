package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route, {@code mqtt:plant/{site}/# -> kafka:telemetry}, on Mosquitto (durable
 * profile) and a KRaft broker in this JVM: every message reaches Kafka across a Mosquitto restart.
 */
class MqttToKafkaRouteIT extends CamelTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static MosquittoBroker mosquitto;
  private static KafkaClusterTestKit kafka;

  @BeforeAll
  static void startBrokers() throws Exception {
    mosquitto = MosquittoBroker.start(MosquittoConfig.builder().durable().build());
    kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
        .setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
  }

  @AfterAll
  static void stopBrokers() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Test
  void plantTelemetryToKafka_mosquittoRestarts_everyMessageArrivesKeyedBySite()
      throws Exception {
    context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:plant/{site}/#?clientId=camel-telemetry&cleanStart=false"
            + "&sessionExpiryInterval=300&maxReconnectDelay=1000&serverUris=" + mosquitto.uri())
            .setHeader(KafkaConstants.KEY, header("site"))
            .to("kafka:telemetry?brokers=" + kafka.bootstrapServers()
                + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer");
      }
    });
    List<String> before = IntStream.range(0, 50).mapToObj(i -> "before-" + i).toList();
    List<String> after = IntStream.range(0, 50).mapToObj(i -> "after-" + i).toList();
    Set<String> arrived = ConcurrentHashMap.newKeySet();
    Set<String> keys = ConcurrentHashMap.newKeySet();

    try (KafkaConsumer<String, byte[]> consumer = kafkaConsumer()) {
      consumer.subscribe(List.of("telemetry"));
      publish(before);
      pollUntil(consumer, arrived, keys, before);

      mosquitto.restart();
      // Published while the route is still reconnecting: Mosquitto queues them in its session.
      publish(after);
      pollUntil(consumer, arrived, keys, after);
    }
    assertThat(arrived).containsAll(before).containsAll(after);
    assertThat(keys).containsExactlyInAnyOrder("berlin", "paris");
  }

  private void publish(List<String> bodies) {
    try (MqttClient publisher = MqttClient.builder().serverUri(mosquitto.uri()).build()) {
      publisher.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
      for (int i = 0; i < bodies.size(); i++) {
        String site = i % 2 == 0 ? "berlin" : "paris";
        publisher.publish(MqttMessage.builder("plant/" + site + "/line" + i + "/temperature")
                .payload(bodies.get(i)).qos(1).build())
            .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
      }
    }
  }

  private static void pollUntil(KafkaConsumer<String, byte[]> consumer, Set<String> arrived,
      Set<String> keys, List<String> expected) {
    await().atMost(WAIT).until(() -> {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        arrived.add(new String(record.value(), StandardCharsets.UTF_8));
        keys.add(record.key());
      }
      return arrived.containsAll(expected);
    });
  }

  private static KafkaConsumer<String, byte[]> kafkaConsumer() {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "telemetry-check",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new ByteArrayDeserializer());
  }
}
