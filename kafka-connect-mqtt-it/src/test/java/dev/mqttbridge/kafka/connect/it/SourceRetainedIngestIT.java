package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.ClientIdentity;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retained messages on a real Kafka 4.4 broker and Connect worker, against Mosquitto and our
 * embedded broker: those present before the connector starts reach Kafka once each with header
 * {@code mqtt.retained=true}, also 3,000 of them (three receive windows), except where Mosquitto's
 * queue limit drops some on subscribe; a live message published with the retain flag has {@code
 * mqtt.retained=false}, as MQTT forwards it; {@code mqtt.retained.ingest=false} reads none of
 * them. Topics are drained until quiet, so records arriving late are counted.
 */
class SourceRetainedIngestIT extends AbstractBothBrokersSourceIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  /** Connections of readers whose client id starts with {@code refusedtwice}. */
  private static final AtomicInteger REFUSED_READER_ATTEMPTS = new AtomicInteger();

  /**
   * A broker that refuses the first two connections of {@code refusedtwice*-retained} readers
   * and every subscription of {@code denied*-retained} readers (an ACL allowing only the share).
   */
  @RegisterExtension
  static final EmbeddedMqttBroker GATEKEEPER = EmbeddedMqttBroker.create(builder -> builder
      .authenticator((client, password) -> !(client.clientId().startsWith("refusedtwice")
          && client.clientId().endsWith("-retained")
          && REFUSED_READER_ATTEMPTS.incrementAndGet() <= 2))
      .authorizer(new Authorizer() {
        @Override
        public boolean mayPublish(ClientIdentity client, String topic) {
          return true;
        }

        @Override
        public boolean maySubscribe(ClientIdentity client, String topicFilter) {
          return !(client.clientId().startsWith("denied") && client.clientId().endsWith("-retained"));
        }
      }));
  private static final int RETAINED = 100;
  /**
   * More than the slot's receive window ({@code mqtt.receive.maximum}, 1,000) plus Mosquitto's
   * default {@code max_queued_messages} (1,000).
   */
  private static final int MANY_RETAINED = 3_000;
  private static final int RECEIVE_MAXIMUM = 1_000;
  private static final int MOSQUITTO_DEFAULT_MAX_QUEUED = 1_000;
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

  private void startConnector(String id, Broker broker, boolean ingestRetained)
      throws InterruptedException {
    Map<String, String> props = SourceConnectorProps.of(id, broker.uri(), id + "/device/{device}",
        id + ".devices");
    props.put("mqtt.retained.ingest", Boolean.toString(ingestRetained));
    startConnector(id, props);
  }

  private static void publishRetained(MqttClient publisher, String id) {
    publishRetained(publisher, id, RETAINED);
  }

  /** Retained {@code state-i} on {@code ID/device/di}, in bursts the client's queue holds. */
  private static void publishRetained(MqttClient publisher, String id, int count) {
    for (int start = 0; start < count; start += 500) {
      CompletableFuture<?>[] sent = IntStream.range(start, Math.min(count, start + 500))
          .mapToObj(i -> publisher.publish(MqttMessage.builder(id + "/device/d" + i)
              .payload(("state-" + i).getBytes(UTF_8)).qos(1).retain(true).build()))
          .toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(sent).join();
    }
  }

  /**
   * Every record of the topic: reads until at least {@code minimum} arrived and then nothing more
   * for {@link #QUIET}, so records that come later than expected are counted too.
   */
  private static List<ConsumerRecord<byte[], byte[]>> drain(String topic, int minimum) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    Map<String, Object> props = Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, "drain-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        connect.kafka().createConsumerAndSubscribeTo(props, topic)) {
      long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline
          && (records.size() < minimum || System.nanoTime() - quietSince < QUIET.toNanos())) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
        if (!polled.isEmpty()) {
          polled.forEach(records::add);
          quietSince = System.nanoTime();
        }
      }
    }
    return records;
  }

  private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> new String(r.value(), UTF_8)).toList();
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
      List<ConsumerRecord<byte[], byte[]>> all = drain(id + ".devices", RETAINED + 1);

      assertThat(retained).allSatisfy(r -> assertThat(header(r, "mqtt.retained")).isEqualTo("true"));
      Set<String> states = retained.stream().map(r -> new String(r.value(), UTF_8))
          .collect(Collectors.toSet());
      assertThat(states).hasSize(RETAINED)
          .containsAll(IntStream.range(0, RETAINED).mapToObj(i -> "state-" + i).toList());
      ConsumerRecord<byte[], byte[]> live = all.stream()
          .filter(r -> header(r, "mqtt.topic").equals(id + "/device/live")).findFirst().orElseThrow();
      assertThat(header(live, "mqtt.retained")).isEqualTo("false");
      // Each retained state once: the slot's shared subscription adds none (Mosquitto sends it some).
      assertThat(all).hasSize(RETAINED + 1);
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

      // Drained, not just the first record: retained records arriving later would show here.
      assertThat(values(drain(id + ".devices", 1))).containsExactly("now");
    }
  }

  /** Asserts that a read of {@code MANY_RETAINED} retained states got {@code expected}, each once. */
  private void readManyRetained(Broker broker, int expected) throws Exception {
    String id = "manyretained" + SEQUENCE.incrementAndGet() + broker.name();
    try (MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).build()) {
      publisher.connect().join();
      publishRetained(publisher, id, MANY_RETAINED);

      startConnector(id, broker, true);
      List<String> values = values(drain(id + ".devices", expected));

      assertThat(values).hasSize(expected).doesNotHaveDuplicates()
          .isSubsetOf(IntStream.range(0, MANY_RETAINED).mapToObj(i -> "state-" + i).toList());
    }
  }

  @Test
  void readerRefusedTwice_openedAgainWithBackOff_everyRetainedReachesKafkaOnce() throws Exception {
    String id = "refusedtwice" + SEQUENCE.incrementAndGet();
    Broker broker = new Broker("gatekeeper", GATEKEEPER.port());
    try (MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).build()) {
      publisher.connect().join();
      publishRetained(publisher, id);

      startConnector(id, broker, true);
      List<String> values = values(drain(id + ".devices", RETAINED));

      assertThat(values).hasSize(RETAINED).doesNotHaveDuplicates();
      assertThat(REFUSED_READER_ATTEMPTS).hasValue(3);
    }
  }

  @Test
  void readerSubscriptionRefused_taskFailsSayingWhy() throws Exception {
    String id = "denied" + SEQUENCE.incrementAndGet();
    Map<String, String> props = SourceConnectorProps.of(id, "tcp://127.0.0.1:" + GATEKEEPER.port(),
        id + "/device/{device}", id + ".devices");
    connect.configureConnector(id, props);
    try {
      connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(id, 1,
          "the task did not fail on the refused plain subscription");
      assertThat(connect.connectorStatus(id).tasks().get(0).trace())
          .contains("refused the plain subscription", id + "/device/+",
              "mqtt.retained.ingest=false");
    } finally {
      connect.deleteConnector(id);
    }
  }

  @Test
  void embeddedBroker_retainedBeyondReceiveWindow_eachReachesKafkaExactlyOnce() throws Exception {
    readManyRetained(new Broker("embedded", EMBEDDED.port()), MANY_RETAINED);
  }

  @Test
  void mosquittoWithoutQueueLimit_retainedBeyondReceiveWindow_eachReachesKafkaExactlyOnce()
      throws Exception {
    try (MosquittoBroker unlimited =
        MosquittoBroker.start(MosquittoConfig.builder().maxQueuedMessages(0).build())) {
      readManyRetained(new Broker("mosquitto-unlimited", unlimited.port()), MANY_RETAINED);
    }
  }

  /**
   * Mosquitto queues a subscribe's retained messages like any others: the receive window's worth
   * in flight, then {@code max_queued_messages} (default 1,000); it drops the rest on the spot
   * ("Outgoing messages are being dropped"). Documented limit: the read gets exactly that many,
   * each once; neither waiting longer nor keeping the subscription brings the others.
   */
  @Test
  void mosquittoDefaultQueue_readGetsReceiveWindowPlusQueueLimit_eachExactlyOnce()
      throws Exception {
    readManyRetained(new Broker("mosquitto", mosquitto.port()),
        RECEIVE_MAXIMUM + MOSQUITTO_DEFAULT_MAX_QUEUED);
  }
}
