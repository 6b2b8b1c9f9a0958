package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source connector on a real Kafka 4.4 broker and Connect worker, against the MQTT broker a
 * subclass provides. One Connect cluster per class; every test has its own connector, topics and
 * MQTT topic prefix.
 */
abstract class AbstractMqttSourceConnectorIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(60);

  static EmbeddedConnectCluster connect;

  private final List<String> connectors = new ArrayList<>();
  private MqttClient publisher;
  /** Unique per test: MQTT topic prefix, connector name and Kafka topic prefix. */
  String id;

  /** The broker under test, tcp://host:port. */
  abstract String brokerUri();

  @BeforeAll
  static void startConnect() {
    connect = ConnectClusters.start("mqtt-source-it");
  }

  @AfterAll
  static void stopConnect() {
    if (connect != null) {
      connect.stop();
    }
  }

  @BeforeEach
  void connectPublisher() {
    id = "it" + SEQUENCE.incrementAndGet() + getClass().getSimpleName().toLowerCase().charAt(0);
    publisher = MqttClient.builder().serverUri(brokerUri()).clientId(id + "-publisher").build();
    publisher.connect().join();
  }

  @AfterEach
  void cleanUp() {
    publisher.close();
    connectors.forEach(connect::deleteConnector);
  }

  Map<String, String> connectorProps() {
    return SourceConnectorProps.base(id, brokerUri());
  }

  /** Creates the connector and waits until its task runs, i.e. its subscriptions are granted. */
  void startConnector(Map<String, String> props) throws InterruptedException {
    String name = id + "-source";
    connectors.add(name);
    connect.configureConnector(name, props);
    connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(
        name, Integer.parseInt(props.get("tasks.max")), "Connector " + name + " did not start");
  }

  void publish(MqttMessage message) {
    publisher.publishAndWait(message);
  }

  void publish(String topic, byte[] payload) {
    publish(MqttMessage.builder(topic).payload(payload).qos(1).build());
  }

  void publish(String topic, String payload) {
    publish(topic, payload.getBytes(UTF_8));
  }

  List<ConsumerRecord<byte[], byte[]>> consume(int count, String... topics) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect.kafka().consume(count, CONSUME_TIMEOUT.toMillis(), topics).forEach(records::add);
    return records;
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, UTF_8);
  }

  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }

  @Test
  void captures_mapToSanitisedTopics_withKeyTemplateAndMqttHeaders() throws Exception {
    Map<String, String> props = connectorProps();
    props.put("mqtt.topics", id + "/plant/{site}/line/{line}/#");
    props.put("kafka.topic", id + ".{site}.{line}");
    props.put("kafka.key", "{site}|{#}");
    startConnector(props);

    publish(MqttMessage.builder(id + "/plant/lyon/line/7/motor/temp")
        .payload("21.5").qos(1).contentType("text/plain").userProperty("unit", "C").build());
    publish(id + "/plant/saint étienne/line/2", "x");

    ConsumerRecord<byte[], byte[]> lyon = consume(1, id + ".lyon.7").get(0);
    assertThat(text(lyon.key())).isEqualTo("lyon|motor/temp");
    assertThat(text(lyon.value())).isEqualTo("21.5");
    assertThat(header(lyon, "mqtt.topic")).isEqualTo(id + "/plant/lyon/line/7/motor/temp");
    assertThat(header(lyon, "mqtt.qos")).isEqualTo("1");
    assertThat(header(lyon, "mqtt.retained")).isEqualTo("false");
    assertThat(header(lyon, "mqtt.duplicate")).isEqualTo("false");
    assertThat(header(lyon, "mqtt.content.type")).isEqualTo("text/plain");
    assertThat(header(lyon, "mqtt.payload.format")).isEqualTo("1");
    assertThat(header(lyon, "mqtt.user.unit")).isEqualTo("C");

    ConsumerRecord<byte[], byte[]> etienne = consume(1, id + ".saint__tienne.2").get(0);
    assertThat(text(etienne.key())).isEqualTo("saint étienne|");
  }

  @Test
  void targetOutsideAllowedTopics_goesToErrorsTopic_allowedOneToItsTopic() throws Exception {
    Map<String, String> props = connectorProps();
    props.put("mqtt.topics", id + "/{zone}/#");
    props.put("kafka.topic", id + ".{zone}");
    props.put("kafka.topic.allowed", id + "\\.ok");
    startConnector(props);

    publish(id + "/secret/a", "refused");
    publish(id + "/ok/b", "accepted");

    ConsumerRecord<byte[], byte[]> error = consume(1, id + ".errors").get(0);
    assertThat(header(error, "mqtt.error.reason")).isEqualTo("topic.not.allowed");
    assertThat(header(error, "mqtt.error.message")).contains(id + ".secret");
    assertThat(header(error, "mqtt.topic")).isEqualTo(id + "/secret/a");
    assertThat(text(error.value())).isEqualTo("refused");
    assertThat(text(consume(1, id + ".ok").get(0).value())).isEqualTo("accepted");
  }

  @Test
  void oversizedPayload_goesToErrorsTopicWithoutPayload_laterMessagesStillFlow() throws Exception {
    Map<String, String> props = connectorProps();
    props.put("mqtt.topics", id + "/data");
    props.put("kafka.topic", id + ".data");
    props.put("mqtt.max.payload.bytes", "1000");
    startConnector(props);

    publish(id + "/data", new byte[2000]);
    publish(id + "/data", "after");

    ConsumerRecord<byte[], byte[]> error = consume(1, id + ".errors").get(0);
    assertThat(header(error, "mqtt.error.reason")).isEqualTo("payload.too.large");
    assertThat(header(error, "mqtt.payload.size")).isEqualTo("2000");
    assertThat(error.value()).isNull();
    assertThat(text(consume(1, id + ".data").get(0).value())).isEqualTo("after");
  }

  @Test
  void stringFormat_givesUtf8Text() throws Exception {
    Map<String, String> props = formatConnector("string", "org.apache.kafka.connect.storage.StringConverter");
    startConnector(props);

    publish(id + "/v", "21.5 °C");

    assertThat(text(consume(1, id + ".v").get(0).value())).isEqualTo("21.5 °C");
  }

  @Test
  void jsonFormat_givesSchemalessJson_invalidJsonGoesToErrorsTopic() throws Exception {
    Map<String, String> props = formatConnector("json", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "false");
    startConnector(props);

    publish(id + "/v", "{\"t\": 21.5, \"tags\": [\"a\"]}");
    publish(id + "/v", "{not json");

    assertThat(text(consume(1, id + ".v").get(0).value())).isEqualTo("{\"t\":21.5,\"tags\":[\"a\"]}");
    ConsumerRecord<byte[], byte[]> error = consume(1, id + ".errors").get(0);
    assertThat(header(error, "mqtt.error.reason")).isEqualTo("value.invalid.json");
    // Error records hold the raw payload as bytes, written by the connector's value converter:
    // JsonConverter writes bytes as a base64 JSON string.
    String base64 = text(error.value()).replace("\"", "");
    assertThat(new String(java.util.Base64.getDecoder().decode(base64), UTF_8)).isEqualTo("{not json");
  }

  @Test
  void envelopeFormat_givesStructWithSchema() throws Exception {
    Map<String, String> props = formatConnector("envelope", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "true");
    startConnector(props);

    publish(MqttMessage.builder(id + "/v").payload("hi").qos(1).userProperty("k", "v").build());

    String json = text(consume(1, id + ".v").get(0).value());
    assertThat(json)
        .contains("\"name\":\"dev.mqttbridge.kafka.connect.MqttEnvelope\"")
        .contains("\"topic\":\"" + id + "/v\"")
        .contains("\"payload\":\"aGk=\"") // base64 of "hi"
        .contains("\"qos\":1")
        .contains("\"user_properties\":[{\"name\":\"k\",\"value\":\"v\"}]");
  }

  @Test
  void bytesFormat_keepsPayloadBytes() throws Exception {
    Map<String, String> props = formatConnector("bytes", "org.apache.kafka.connect.converters.ByteArrayConverter");
    startConnector(props);
    byte[] payload = {0, (byte) 0xFF, 0x7F, (byte) 0xC3};

    publish(id + "/v", payload);

    assertThat(consume(1, id + ".v").get(0).value()).isEqualTo(payload);
  }

  @Test
  void thousandsOfQos1Messages_allReachKafkaInPublishOrder() throws Exception {
    Map<String, String> props = connectorProps();
    props.put("mqtt.topics", id + "/bulk");
    props.put("kafka.topic", id + ".bulk");
    startConnector(props);
    int count = 3_000;

    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(publisher.publish(MqttMessage.builder(id + "/bulk")
          .payload(Integer.toString(i).getBytes(UTF_8)).qos(1).build()));
    }
    CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).join();

    List<String> values = consume(count, id + ".bulk").stream().map(r -> text(r.value())).toList();
    assertThat(values).hasSize(count);
    assertThat(values.subList(0, 5)).containsExactly("0", "1", "2", "3", "4");
    assertThat(values).doesNotHaveDuplicates();
  }

  private Map<String, String> formatConnector(String format, String converter) {
    Map<String, String> props = connectorProps();
    props.put("mqtt.topics", id + "/v");
    props.put("kafka.topic", id + ".v");
    props.put("record.value.format", format);
    props.put("value.converter", converter);
    return props;
  }
}
