package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.kafka.connect.MqttHeaderConverter;
import dev.mqttbridge.kafka.connect.MqttSinkConnector;
import dev.mqttbridge.kafka.connect.MqttSourceConnector;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink connector on a real Kafka 4.4 broker and Connect worker, publishing to the MQTT broker a
 * subclass provides. One Connect cluster per class; every test has its own connector, Kafka topic
 * and MQTT topic prefix, and a QoS 2 subscriber on that prefix. The broker must refuse publishes
 * to topics whose second level is {@value #FORBIDDEN} with an MQTT 5 reason code.
 */
abstract class AbstractMqttSinkConnectorIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final long WAIT_SECONDS = 60;
  /** The second topic level the broker under test refuses publishes to: {@code +/forbidden/#}. */
  static final String FORBIDDEN = "forbidden";
  /** Correlation data that is not text: a zero byte, bytes invalid in UTF-8, a line break. */
  private static final byte[] CORRELATION = {0, (byte) 0xFF, (byte) 0xC3, 0x28, 0x7F, '\n', 'r'};

  static EmbeddedConnectCluster connect;

  private final List<String> connectors = new ArrayList<>();
  private final LinkedBlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
  private MqttClient subscriber;
  private KafkaProducer<byte[], byte[]> producer;
  /** Unique per test: MQTT topic prefix, connector name and Kafka topic. */
  String id;

  /** The broker under test, tcp://host:port. */
  abstract String brokerUri();

  @BeforeAll
  static void startConnect() {
    connect = ConnectClusters.start("mqtt-sink-it");
  }

  @AfterAll
  static void stopConnect() {
    if (connect != null) {
      connect.stop();
    }
  }

  @BeforeEach
  void subscribe() {
    id = "sink" + SEQUENCE.incrementAndGet() + getClass().getSimpleName().toLowerCase().charAt(0);
    subscriber = MqttClient.builder().serverUri(brokerUri()).clientId(id + "-subscriber").build();
    subscriber.connect().join();
    subscriber.subscribe(MqttSubscription.of(id + "/#", MqttQos.EXACTLY_ONCE),
        m -> received.add(m.message())).join();
    connect.kafka().createTopic(id, 1);
    producer = connect.kafka().createProducer(Map.of());
  }

  @AfterEach
  void cleanUp() {
    producer.close();
    subscriber.close();
    connectors.forEach(connect::deleteConnector);
  }

  Map<String, String> sinkProps(String template) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", MqttSinkConnector.class.getName());
    props.put("tasks.max", "1");
    props.put("topics", id);
    props.put("mqtt.server.uris", brokerUri());
    props.put("mqtt.topic", id + "/" + template);
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return props;
  }

  void startConnector(String name, Map<String, String> props) throws InterruptedException {
    connectors.add(name);
    connect.configureConnector(name, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(
        name, 1, "Connector " + name + " did not start");
  }

  void produce(String key, String value, Map<String, String> headers) throws Exception {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(id, 0,
        key == null ? null : key.getBytes(UTF_8), value == null ? null : value.getBytes(UTF_8));
    headers.forEach((name, text) -> record.headers().add(new RecordHeader(name, text.getBytes(UTF_8))));
    producer.send(record).get();
  }

  /** Sends the values without waiting for each, then flushes. */
  void produceValues(List<String> values) {
    for (String value : values) {
      producer.send(new ProducerRecord<>(id, 0, null, value.getBytes(UTF_8)));
    }
    producer.flush();
  }

  MqttMessage next() throws InterruptedException {
    MqttMessage message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(message).as("an MQTT message within " + WAIT_SECONDS + " s").isNotNull();
    return message;
  }

  /** The retained message a new subscriber gets on the topic, or null when none comes in time. */
  MqttMessage retained(String topic, Duration wait) throws Exception {
    LinkedBlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();
    try (MqttClient reader = MqttClient.builder().serverUri(brokerUri()).build()) {
      reader.connect().join();
      reader.subscribe(MqttSubscription.of(topic, MqttQos.AT_LEAST_ONCE), m -> {
        if (m.message().isRetain()) {
          messages.add(m.message());
        }
      }).join();
      return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void templates_fillTopicsFromKeyHeaderAndValueFields() throws Exception {
    Map<String, String> props = sinkProps("{header.site}/{value.line}/{key}");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "false");
    startConnector(id + "-sink", props);

    produce("valve-3", "{\"line\":\"l7\",\"open\":true}", Map.of("site", "lyon"));

    MqttMessage message = next();
    assertThat(message.topic()).isEqualTo(id + "/lyon/l7/valve-3");
    assertThat(message.payloadAsString()).isEqualTo("{\"line\":\"l7\",\"open\":true}");
    assertThat(message.qos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
  }

  @Test
  void structValues_arePublishedAsJson() throws Exception {
    Map<String, String> props = sinkProps("structs");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "true");
    startConnector(id + "-sink", props);

    produce(null, "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"speed\",\"type\":\"int32\"},"
        + "{\"field\":\"unit\",\"type\":\"string\"}]},\"payload\":{\"speed\":12,\"unit\":\"rpm\"}}",
        Map.of());

    assertThat(next().payloadAsString()).isEqualTo("{\"speed\":12,\"unit\":\"rpm\"}");
  }

  @Test
  void invalidResultingTopic_goesToTheDeadLetterQueue() throws Exception {
    Map<String, String> props = sinkProps("{key}");
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", id + ".dlq");
    props.put("errors.deadletterqueue.topic.replication.factor", "1");
    props.put("errors.deadletterqueue.context.headers.enable", "true");
    startConnector(id + "-sink", props);

    produce("bad/+/key", "refused", Map.of());
    produce("good", "published", Map.of());

    MqttMessage message = next();
    assertThat(message.topic()).isEqualTo(id + "/good");
    ConsumerRecord<byte[], byte[]> dead = connect.kafka()
        .consume(1, WAIT_SECONDS * 1000, id + ".dlq").iterator().next();
    assertThat(new String(dead.value(), UTF_8)).isEqualTo("refused");
    assertThat(new String(dead.headers().lastHeader("__connect.errors.exception.message").value(),
        UTF_8)).contains("Not a valid MQTT topic");
  }

  @Test
  void brokerRefusal_goesToTheDeadLetterQueueWithTheReasonCode_andTheTaskGoesOn() throws Exception {
    String name = id + "-sink";
    Map<String, String> props = sinkProps("{key}");
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", id + ".dlq");
    props.put("errors.deadletterqueue.topic.replication.factor", "1");
    props.put("errors.deadletterqueue.context.headers.enable", "true");
    startConnector(name, props);

    produce(FORBIDDEN, "refused", Map.of());
    produce("allowed", "published", Map.of());

    assertThat(next().topic()).isEqualTo(id + "/allowed");
    ConsumerRecord<byte[], byte[]> dead = connect.kafka()
        .consume(1, WAIT_SECONDS * 1000, id + ".dlq").iterator().next();
    assertThat(new String(dead.value(), UTF_8)).isEqualTo("refused");
    assertThat(new String(dead.headers().lastHeader("__connect.errors.exception.message").value(),
        UTF_8)).contains(id + "/" + FORBIDDEN).contains("NOT_AUTHORIZED(0x87)");
    assertThat(connect.connectorStatus(name).tasks().get(0).state()).isEqualTo("RUNNING");

    produce("later", "still published", Map.of());
    assertThat(next().payloadAsString()).isEqualTo("still published");
  }

  @Test
  void qos2_subscriberReceivesEachRecordExactlyOnceInOrder() throws Exception {
    Map<String, String> props = sinkProps("exactly");
    props.put("mqtt.qos", "2");
    startConnector(id + "-sink", props);
    List<String> values = IntStream.range(0, 2_000).mapToObj(Integer::toString).toList();

    produceValues(values);
    produceValues(List.of("end"));

    // One partition, one publisher, QoS 2 end to end: a duplicate or a gap shows before "end".
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i <= values.size(); i++) {
      MqttMessage message = next();
      assertThat(message.qos()).isEqualTo(MqttQos.EXACTLY_ONCE);
      payloads.add(message.payloadAsString());
    }
    List<String> expected = new ArrayList<>(values);
    expected.add("end");
    assertThat(payloads).isEqualTo(expected);
    assertThat(received).as("nothing after the last record").isEmpty();
  }

  @Test
  void invalidResultingTopic_withoutErrorTolerance_failsTheTask() throws Exception {
    String name = id + "-sink";
    startConnector(name, sinkProps("{key}"));

    produce("bad/#", "refused", Map.of());

    connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(name, 1,
        "the task must fail on a record it cannot publish under errors.tolerance=none");
    assertThat(connect.connectorStatus(name).tasks().get(0).trace())
        .contains("Not a valid MQTT topic");
  }

  @Test
  void retainHeaderAndTombstones_setAndClearRetainedMessages() throws Exception {
    startConnector(id + "-sink", sinkProps("state/{key}"));

    produce("pump", "on", Map.of("mqtt.retained", "true"));
    produce("fan", "off", Map.of());
    assertThat(next().topic()).isEqualTo(id + "/state/pump");
    assertThat(next().topic()).isEqualTo(id + "/state/fan");
    assertThat(retained(id + "/state/pump", Duration.ofSeconds(10)).payloadAsString()).isEqualTo("on");
    assertThat(retained(id + "/state/fan", Duration.ofSeconds(1))).isNull();

    produce("pump", null, Map.of());
    MqttMessage clear = next();
    assertThat(clear.topic()).isEqualTo(id + "/state/pump");
    assertThat(clear.payloadSize()).isZero();
    assertThat(retained(id + "/state/pump", Duration.ofSeconds(1))).isNull();
  }

  @Test
  void headers_becomeMqtt5Properties() throws Exception {
    startConnector(id + "-sink", sinkProps("props"));

    produce(null, "{}", Map.of("mqtt.content.type", "application/json",
        "mqtt.response.topic", id + "/replies", "mqtt.correlation.data", "req-17",
        "mqtt.message.expiry", "600", "mqtt.payload.format", "1", "mqtt.user.origin", "kafka"));

    MqttMessage message = next();
    assertThat(message.contentType()).isEqualTo("application/json");
    assertThat(message.responseTopic()).isEqualTo(id + "/replies");
    assertThat(new String(message.correlationData(), UTF_8)).isEqualTo("req-17");
    assertThat(message.messageExpiryInterval().getAsLong()).isBetween(500L, 600L);
    assertThat(message.isPayloadUtf8()).isTrue();
    assertThat(message.userProperties()).containsExactly(MqttUserProperty.of("origin", "kafka"));
  }

  @Test
  void sourceToSinkRoundTrip_keepsPayloadCorrelationDataAndProperties() throws Exception {
    Map<String, String> source = new HashMap<>();
    source.put("connector.class", MqttSourceConnector.class.getName());
    source.put("tasks.max", "1");
    source.put("mqtt.server.uris", brokerUri());
    source.put("mqtt.topics", id + "-in/{device}");
    source.put("kafka.topic", id);
    source.put("kafka.key", "{device}");
    source.put("errors.topic", id + ".errors");
    source.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    source.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    source.put("topic.creation.default.replication.factor", "1");
    source.put("topic.creation.default.partitions", "1");
    // Keeps binary correlation data as bytes in Kafka (the default converter writes Base64 text).
    source.put("header.converter", MqttHeaderConverter.class.getName());
    startConnector(id + "-source", source);
    Map<String, String> sink = sinkProps("out/{key}");
    sink.put("header.converter", MqttHeaderConverter.class.getName());
    startConnector(id + "-sink", sink);

    try (MqttClient device = MqttClient.builder().serverUri(brokerUri()).build()) {
      device.connect().join();
      device.publishAndWait(MqttMessage.builder(id + "-in/d1").payload("21.5").qos(1)
          .contentType("text/plain").responseTopic(id + "/replies").messageExpiryInterval(900)
          .correlationData(CORRELATION).userProperty("unit", "C").userProperty("unit", "K")
          .userProperty("line", "l 7/ä").build());
    }

    MqttMessage message = next();
    assertThat(message.topic()).isEqualTo(id + "/out/d1");
    assertThat(message.payloadAsString()).isEqualTo("21.5");
    assertThat(message.contentType()).isEqualTo("text/plain");
    assertThat(message.responseTopic()).isEqualTo(id + "/replies");
    assertThat(message.isPayloadUtf8()).isTrue();
    assertThat(message.messageExpiryInterval().getAsLong()).isBetween(800L, 900L);
    assertThat(message.correlationData()).isEqualTo(CORRELATION);
    ConsumerRecord<byte[], byte[]> inKafka = connect.kafka()
        .consume(1, WAIT_SECONDS * 1000, id).iterator().next();
    assertThat(inKafka.headers().lastHeader("mqtt.correlation.data").value()).isEqualTo(CORRELATION);
    assertThat(message.userProperties()).containsExactly(MqttUserProperty.of("unit", "C"),
        MqttUserProperty.of("unit", "K"), MqttUserProperty.of("line", "l 7/ä"));
  }
}
