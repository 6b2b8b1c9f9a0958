package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
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
class SourceRetainedIngestIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final long CONSUME_TIMEOUT_MS = 60_000;
  private static final int RETAINED = 100;

  @RegisterExtension
  static final EmbeddedMqttBroker EMBEDDED = EmbeddedMqttBroker.create();

  private static MosquittoBroker mosquitto;
  private static EmbeddedConnectCluster connect;

  private final List<String> connectors = new ArrayList<>();

  @BeforeAll
  static void start() {
    mosquitto = MosquittoBroker.start();
    connect = ConnectClusters.start("mqtt-source-retained-it");
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @AfterEach
  void deleteConnectors() {
    connectors.forEach(connect::deleteConnector);
  }

  static Stream<String> brokers() {
    return Stream.of("mosquitto", "embedded");
  }

  private static String uri(String broker) {
    return broker.equals("mosquitto") ? mosquitto.uri() : EMBEDDED.uri().toString();
  }

  private void startConnector(String id, String broker, boolean ingestRetained)
      throws InterruptedException {
    Map<String, String> props = SourceConnectorProps.of(id, uri(broker), id + "/device/{device}",
        id + ".devices");
    props.put("mqtt.retained.ingest", Boolean.toString(ingestRetained));
    connectors.add(id);
    connect.configureConnector(id, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(id, 1, id + " did not start");
  }

  private static void publishRetained(MqttClient publisher, String id) {
    CompletableFuture<?>[] sent = IntStream.range(0, RETAINED)
        .mapToObj(i -> publisher.publish(MqttMessage.builder(id + "/device/d" + i)
            .payload(("state-" + i).getBytes(UTF_8)).qos(1).retain(true).build()))
        .toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(sent).join();
  }

  private static List<ConsumerRecord<byte[], byte[]>> consume(int count, String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect.kafka().consume(count, CONSUME_TIMEOUT_MS, topic).forEach(records::add);
    return records;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void retainedBeforeStart_reachKafkaMarkedRetained_liveRetainedPublishIsNot(String broker)
      throws Exception {
    String id = "retained" + SEQUENCE.incrementAndGet() + broker;
    try (MqttClient publisher = MqttClient.builder().serverUri(uri(broker)).build()) {
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
  void ingestFalse_readsNoRetainedMessage(String broker) throws Exception {
    String id = "retained" + SEQUENCE.incrementAndGet() + broker;
    try (MqttClient publisher = MqttClient.builder().serverUri(uri(broker)).build()) {
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
