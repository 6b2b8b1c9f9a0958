package dev.mqttbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.kafka.connect.sink.RecordingSinkContext;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.ClientIdentity;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink task against the embedded broker, without Connect: the test plays the worker. */
class MqttSinkTaskTest {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();

  private static final TopicPartition P0 = new TopicPartition("commands", 0);

  private final List<MqttSinkTask> tasks = new ArrayList<>();
  private final LinkedBlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
  private MqttClient subscriber;
  private String root;

  @BeforeEach
  void subscribe() {
    root = "sink-" + UUID.randomUUID().toString().substring(0, 8);
    subscriber = MqttClient.builder().serverUri(BROKER.uri().toString()).build();
    subscriber.connect().join();
    subscriber.subscribe(MqttSubscription.of(root + "/#", MqttQos.AT_LEAST_ONCE),
        m -> received.add(m.message())).join();
  }

  @AfterEach
  void closeAll() {
    tasks.forEach(MqttSinkTask::stop);
    subscriber.close();
  }

  private Map<String, String> props(String template) {
    Map<String, String> props = new HashMap<>();
    props.put("name", root);
    props.put("mqtt.server.uris", BROKER.uri().toString());
    props.put("mqtt.topic", root + "/" + template);
    return props;
  }

  private MqttSinkTask start(Map<String, String> props, RecordingSinkContext context) {
    MqttSinkTask task = new MqttSinkTask();
    task.initialize(context);
    task.start(props);
    tasks.add(task);
    return task;
  }

  private static SinkRecord record(long offset, Object key, Object value, ConnectHeaders headers) {
    return new SinkRecord("commands", 0, null, key, null, value, offset, null, null, headers);
  }

  private MqttMessage next() throws InterruptedException {
    MqttMessage message = received.poll(10, TimeUnit.SECONDS);
    assertThat(message).as("a message within 10 s").isNotNull();
    return message;
  }

  private static Map<TopicPartition, OffsetAndMetadata> current() {
    return Map.of(P0, new OffsetAndMetadata(0));
  }

  @Test
  void put_publishesToTemplatedTopicsInOrder_andPreCommitReturnsAcknowledgedOffsets()
      throws Exception {
    MqttSinkTask task = start(props("{header.site}/{key}"), new RecordingSinkContext(true));
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ConnectHeaders headers = new ConnectHeaders();
      headers.addString("site", "berlin");
      records.add(record(i, "valve", "open-" + i, headers));
    }

    task.put(records);

    for (int i = 0; i < 100; i++) {
      MqttMessage message = next();
      assertThat(message.topic()).isEqualTo(root + "/berlin/valve");
      assertThat(message.payloadAsString()).isEqualTo("open-" + i);
      assertThat(message.qos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    }
    await().atMost(Duration.ofSeconds(10)).until(
        () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(100))));
  }

  @Test
  void put_afterTheBrokerAcknowledged_requestsAnEarlyCommit() throws Exception {
    RecordingSinkContext context = new RecordingSinkContext(true);
    MqttSinkTask task = start(props("early"), context);

    task.put(List.of(record(0, null, "a", new ConnectHeaders())));
    next();
    await().atMost(Duration.ofSeconds(10)).until(
        () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(1))));
    task.put(List.of());

    assertThat(context.commitRequests()).isEqualTo(1);
    task.put(List.of());
    assertThat(context.commitRequests()).as("nothing new acknowledged").isEqualTo(1);
  }

  @Test
  void put_structAndMapValues_arePublishedAsJson() throws Exception {
    MqttSinkTask task = start(props("{value.line}"), new RecordingSinkContext(true));
    Schema schema = SchemaBuilder.struct().field("line", Schema.STRING_SCHEMA)
        .field("speed", Schema.INT32_SCHEMA).build();
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put("line", "l2");
    map.put("on", true);

    task.put(List.of(
        record(0, null, new Struct(schema).put("line", "l1").put("speed", 5), new ConnectHeaders()),
        record(1, null, map, new ConnectHeaders())));

    MqttMessage struct = next();
    assertThat(struct.topic()).isEqualTo(root + "/l1");
    assertThat(struct.payloadAsString()).isEqualTo("{\"line\":\"l1\",\"speed\":5}");
    assertThat(struct.isPayloadUtf8()).isTrue();
    assertThat(next().payloadAsString()).isEqualTo("{\"line\":\"l2\",\"on\":true}");
  }

  @Test
  void put_bytesAndStrings_arePublishedAsTheyAre() throws Exception {
    MqttSinkTask task = start(props("raw"), new RecordingSinkContext(true));
    byte[] bytes = {0, (byte) 0xff, 7};

    task.put(List.of(record(0, null, bytes, new ConnectHeaders()),
        record(1, null, "text", new ConnectHeaders())));

    assertThat(next().payload()).containsExactly(bytes);
    MqttMessage text = next();
    assertThat(text.payloadAsString()).isEqualTo("text");
  }

  @Test
  void put_headersBecomeMqtt5Properties_andMqttRetainedOverridesTheConfig() throws Exception {
    MqttSinkTask task = start(props("props"), new RecordingSinkContext(true));
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("mqtt.content.type", "application/json");
    headers.addBytes("mqtt.correlation.data", new byte[] {1, 2});
    headers.addString("mqtt.response.topic", root + "/replies");
    headers.addLong("mqtt.message.expiry", 600);
    headers.addByte("mqtt.payload.format", (byte) 1);
    headers.addString("mqtt.user.origin", "kafka");
    headers.addBoolean("mqtt.retained", true);

    task.put(List.of(record(0, null, new byte[] {'{', '}'}, headers)));

    MqttMessage message = next();
    assertThat(message.contentType()).isEqualTo("application/json");
    assertThat(message.correlationData()).containsExactly(1, 2);
    assertThat(message.responseTopic()).isEqualTo(root + "/replies");
    assertThat(message.messageExpiryInterval()).isPresent();
    assertThat(message.messageExpiryInterval().getAsLong()).isBetween(590L, 600L);
    assertThat(message.isPayloadUtf8()).isTrue();
    assertThat(message.userProperties()).containsExactly(MqttUserProperty.of("origin", "kafka"));

    MqttMessage retained = retainedMessage(root + "/props");
    assertThat(retained.payloadAsString()).isEqualTo("{}");
  }

  @Test
  void mqtt311_publishesPayloadAndRetainWithoutTheMqtt5Properties() throws Exception {
    Map<String, String> props = props("v311");
    props.put("mqtt.version", "3.1.1");
    MqttSinkTask task = start(props, new RecordingSinkContext(true));
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("mqtt.content.type", "text/plain");
    headers.addString("mqtt.user.origin", "kafka");

    task.put(List.of(record(0, null, "plain", headers)));

    MqttMessage message = next();
    assertThat(message.payloadAsString()).isEqualTo("plain");
    assertThat(message.contentType()).isNull();
    assertThat(message.userProperties()).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(
        () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(1))));
  }

  @Test
  void tombstone_clearRetained_removesTheRetainedMessage() throws Exception {
    Map<String, String> props = props("state/{key}");
    props.put("mqtt.retain", "true");
    MqttSinkTask task = start(props, new RecordingSinkContext(true));

    task.put(List.of(record(0, "pump", "on", new ConnectHeaders())));
    assertThat(retainedMessage(root + "/state/pump").payloadAsString()).isEqualTo("on");
    task.put(List.of(record(1, "pump", null, new ConnectHeaders())));
    await().atMost(Duration.ofSeconds(10)).until(
        () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(2))));

    assertThat(retainedMessageOrNull(root + "/state/pump", Duration.ofSeconds(1))).isNull();
  }

  @Test
  void tombstone_ignore_skipsTheRecordAndCommitsPastIt() throws Exception {
    Map<String, String> props = props("x");
    props.put("mqtt.tombstone", "ignore");
    MqttSinkTask task = start(props, new RecordingSinkContext(true));

    task.put(List.of(record(0, null, null, new ConnectHeaders())));

    assertThat(task.preCommit(current())).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void tombstone_fail_failsTheTask() {
    Map<String, String> props = props("x");
    props.put("mqtt.tombstone", "fail");
    MqttSinkTask task = start(props, new RecordingSinkContext(true));

    assertThatThrownBy(() -> task.put(List.of(record(0, null, null, new ConnectHeaders()))))
        .isInstanceOf(ConnectException.class).hasMessageContaining("mqtt.tombstone=fail");
  }

  @Test
  void invalidResultingTopic_goesToTheDeadLetterQueue_andLaterRecordsFlow() throws Exception {
    RecordingSinkContext context = new RecordingSinkContext(true);
    MqttSinkTask task = start(props("{key}"), context);

    task.put(List.of(record(0, "a/+", "bad", new ConnectHeaders()),
        record(1, null, "no key", new ConnectHeaders()),
        record(2, "ok", "good", new ConnectHeaders())));

    assertThat(next().payloadAsString()).isEqualTo("good");
    assertThat(context.reported()).extracting(r -> r.record().kafkaOffset()).containsExactly(0L, 1L);
    assertThat(context.reported().get(0).error()).hasMessageContaining("Not a valid MQTT topic");
    await().atMost(Duration.ofSeconds(10)).until(
        () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(3))));
  }

  @Test
  void invalidResultingTopic_withoutReporter_failsTheTask() {
    MqttSinkTask task = start(props("{key}"), new RecordingSinkContext(false));

    assertThatThrownBy(() -> task.put(List.of(record(0, "a/#", "bad", new ConnectHeaders()))))
        .isInstanceOf(ConnectException.class).hasMessageContaining("cannot be published");
  }

  @Test
  void publishRefusedWithReasonCode_goesToTheDeadLetterQueueAndCommits() throws Exception {
    Authorizer noForbidden = new Authorizer() {
      @Override
      public boolean mayPublish(ClientIdentity client, String topic) {
        return !topic.contains("forbidden");
      }

      @Override
      public boolean maySubscribe(ClientIdentity client, String topicFilter) {
        return true;
      }
    };
    try (MqttBroker strict = MqttBroker.builder().host("127.0.0.1").port(0)
        .authorizer(noForbidden).build().start()) {
      RecordingSinkContext context = new RecordingSinkContext(true);
      Map<String, String> props = props("{key}");
      props.put("mqtt.server.uris", strict.uri());
      MqttSinkTask task = start(props, context);

      task.put(List.of(record(0, "forbidden", "x", new ConnectHeaders()),
          record(1, "allowed", "y", new ConnectHeaders())));

      await().atMost(Duration.ofSeconds(10)).until(
          () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(2))));
      assertThat(context.reported()).singleElement().satisfies(r -> {
        assertThat(r.record().kafkaOffset()).isZero();
        assertThat(r.error()).hasMessageContaining("NOT_AUTHORIZED");
      });
    }
  }

  @Test
  void brokerGone_holdsTheCommitRewindsToTheFirstUnacknowledgedAndRetries() throws Exception {
    RecordingSinkContext context = new RecordingSinkContext(true);
    MqttBroker broker = MqttBroker.builder().host("127.0.0.1").port(0).build().start();
    MqttSinkTask task;
    try {
      Map<String, String> props = props("gone");
      props.put("mqtt.server.uris", broker.uri());
      task = start(props, context);
      task.put(List.of(record(0, null, "a", new ConnectHeaders())));
      await().atMost(Duration.ofSeconds(10)).until(
          () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(1))));
    } finally {
      broker.close();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        task.put(List.of(record(1, null, "b", new ConnectHeaders())));
        return false;
      } catch (RetriableException expected) {
        return true;
      }
    });

    assertThat(task.preCommit(current())).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
    if (!context.rewinds().isEmpty()) {
      assertThat(context.rewinds()).isEqualTo(Map.of(P0, 1L));
    }
  }

  @Test
  void pendingBoundReached_putThrowsRetriable_andTheRetriedBatchIsNotPublishedTwice()
      throws Exception {
    try (FaultProxy proxy = FaultProxy.start(BROKER.host(), BROKER.port())) {
      Map<String, String> props = props("bounded");
      props.put("mqtt.server.uris", proxy.uri());
      props.put("mqtt.max.pending.records", "5");
      props.put("mqtt.publish.timeout.ms", "300");
      MqttSinkTask task = start(props, new RecordingSinkContext(true));
      List<SinkRecord> batch = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        batch.add(record(i, null, "m" + i, new ConnectHeaders()));
      }

      proxy.stall(true);
      assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
          .hasMessageContaining("5 records wait");
      assertThat(task.preCommit(current())).isEmpty();
      proxy.stall(false);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> task.put(batch));

      for (int i = 0; i < 10; i++) {
        assertThat(next().payloadAsString()).isEqualTo("m" + i);
      }
      assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
      await().atMost(Duration.ofSeconds(10)).until(
          () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(10))));
    }
  }

  @Test
  void connectionCut_rewindsToTheFirstUnacknowledgedRecordAndReconnects() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(BROKER.host(), BROKER.port())) {
      RecordingSinkContext context = new RecordingSinkContext(true);
      Map<String, String> props = props("cut");
      props.put("mqtt.server.uris", proxy.uri());
      MqttSinkTask task = start(props, context);
      task.put(List.of(record(0, null, "a", new ConnectHeaders())));
      await().atMost(Duration.ofSeconds(10)).until(
          () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(1))));

      proxy.stall(true);
      List<SinkRecord> unacknowledged = List.of(record(1, null, "b", new ConnectHeaders()),
          record(2, null, "c", new ConnectHeaders()));
      task.put(unacknowledged);
      proxy.cutAll();
      proxy.stall(false);
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        task.put(List.of(record(3, null, "d", new ConnectHeaders())));
        return !context.rewinds().isEmpty();
      });

      assertThat(context.rewinds()).isEqualTo(Map.of(P0, 1L));
      assertThat(task.preCommit(current())).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
      task.put(unacknowledged); // the worker reads them again from the rewound position
      await().atMost(Duration.ofSeconds(10)).until(
          () -> task.preCommit(current()).equals(Map.of(P0, new OffsetAndMetadata(3))));
      assertThat(next().payloadAsString()).isEqualTo("a");
      List<String> rest = new ArrayList<>();
      MqttMessage message;
      while ((message = received.poll(500, TimeUnit.MILLISECONDS)) != null) {
        rest.add(message.payloadAsString());
      }
      assertThat(rest).doesNotContain("d").endsWith("b", "c");
    }
  }

  private MqttMessage retainedMessage(String topic) throws Exception {
    MqttMessage message = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (message == null && System.nanoTime() < deadline) {
      message = retainedMessageOrNull(topic, Duration.ofMillis(500));
    }
    assertThat(message).as("retained message on " + topic).isNotNull();
    return message;
  }

  private MqttMessage retainedMessageOrNull(String topic, Duration wait) throws Exception {
    LinkedBlockingQueue<MqttMessage> retained = new LinkedBlockingQueue<>();
    try (MqttClient reader = MqttClient.builder().serverUri(BROKER.uri().toString()).build()) {
      reader.connect().join();
      reader.subscribe(MqttSubscription.of(topic, MqttQos.AT_LEAST_ONCE), m -> {
        if (m.message().isRetain()) {
          retained.add(m.message());
        }
      }).join();
      return retained.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
