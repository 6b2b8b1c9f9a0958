package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retained messages on a real Kafka 4.4 broker and Connect worker, against Mosquitto and our
 * embedded broker: those present before the connector starts reach Kafka with header
 * {@code mqtt.retained=true} (more of them than Mosquitto's default 20 in flight, so some arrive
 * after the plain subscription that asked for them is gone); a live message published with the
 * retain flag has {@code mqtt.retained=false}, as MQTT forwards it; {@code mqtt.retained.ingest=false}
 * reads none of them.
 */
class SourceRetainedIngestIT extends AbstractBothBrokersSourceIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final int RETAINED = 100;

  private void startConnector(String id, Broker broker, boolean ingestRetained)
      throws InterruptedException {
    Map<String, String> props = SourceConnectorProps.of(id, broker.uri(), id + "/device/{device}",
        id + ".devices");
    props.put("mqtt.retained.ingest", Boolean.toString(ingestRetained));
    startConnector(id, props);
  }

  private static void publishRetained(MqttClient publisher, String id) {
    CompletableFuture<?>[] sent = IntStream.range(0, RETAINED)
        .mapToObj(i -> publisher.publish(MqttMessage.builder(id + "/device/d" + i)
            .payload(("state-" + i).getBytes(UTF_8)).qos(1).retain(true).build()))
        .toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(sent).join();
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void retainedBeforeStart_reachKafkaMarkedRetained_liveRetainedPublishIsNot(Broker broker)
      throws Exception {
    String id = "retained" + SEQUENCE.incrementAndGet() + broker.name();
    try (MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).build()) {
      publisher.connect().join();
      publishRetained(publisher, id);

      startConnector(id, broker, true);
      List<ConsumerRecord<byte[], byte[]>> retained = consume(RETAINED, id + ".devices");
      publisher.publishAndWait(MqttMessage.builder(id + "/device/live")
          .payload("now".getBytes(UTF_8)).qos(1).retain(true).build());
      List<ConsumerRecord<byte[], byte[]>> all = consume(RETAINED + 1, id + ".devices");

      assertThat(retained).allSatisfy(r -> assertThat(header(r, "mqtt.retained")).isEqualTo("true"));
      Set<String> states = retained.stream().map(r -> new String(r.value(), UTF_8))
          .collect(Collectors.toSet());
      assertThat(states).hasSize(RETAINED)
          .containsAll(IntStream.range(0, RETAINED).mapToObj(i -> "state-" + i).toList());
      ConsumerRecord<byte[], byte[]> live = all.stream()
          .filter(r -> header(r, "mqtt.topic").equals(id + "/device/live")).findFirst().orElseThrow();
      assertThat(header(live, "mqtt.retained")).isEqualTo("false");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void ingestFalse_readsNoRetainedMessage(Broker broker) throws Exception {
    String id = "retained" + SEQUENCE.incrementAndGet() + broker.name();
    try (MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).build()) {
      publisher.connect().join();
      publishRetained(publisher, id);

      startConnector(id, broker, false);
      publisher.publishAndWait(MqttMessage.builder(id + "/device/live")
          .payload("now".getBytes(UTF_8)).qos(1).build());

      List<ConsumerRecord<byte[], byte[]>> records = consume(1, id + ".devices");
      assertThat(records).extracting(r -> new String(r.value(), UTF_8)).containsOnly("now");
    }
  }
}
