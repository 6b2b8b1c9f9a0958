package dev.mqttbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.kafka.connect.mapping.MqttHeaders;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.ClientIdentity;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.test.Ports;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The task against the embedded broker, without Connect: the test plays the worker, calling
 * {@code poll()} and {@code commitRecord()} itself.
 */
class MqttSourceTaskTest {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();

  private final List<MqttSourceTask> tasks = new ArrayList<>();
  private MqttClient publisher;
  private String name;

  @BeforeEach
  void connectPublisher() {
    name = "task-test-" + UUID.randomUUID().toString().substring(0, 8);
    publisher = MqttClient.builder().serverUri(BROKER.uri().toString()).build();
    publisher.connect().join();
  }

  @AfterEach
  void closeAll() {
    tasks.forEach(MqttSourceTask::stop);
    publisher.close();
  }

  private Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("name", name);
    props.put("mqtt.server.uris", BROKER.uri().toString());
    props.put("mqtt.topics", "plant/{site}/#");
    props.put("kafka.topic", "telemetry.{site}");
    props.put("kafka.key", "{site}:{#}");
    props.put("errors.topic", "mqtt.errors");
    props.put("mqtt.max.payload.bytes", "100");
    props.put("record.value.format", "string");
    props.put("mqtt.task.slots", "0");
    return props;
  }

  private MqttSourceTask start(Map<String, String> props) {
    MqttSourceTask task = new MqttSourceTask();
    tasks.add(task);
    task.start(props);
    return task;
  }

  private void publish(String topic, String payload) {
    publisher.publishAndWait(MqttMessage.builder(topic).payload(payload).qos(1).build());
  }

  /** Polls until count records came; the test acknowledges them only where it says so. */
  private static List<SourceRecord> pollUntil(MqttSourceTask task, int count) throws Exception {
    return pollUntil(task, count, Duration.ofSeconds(10));
  }

  /** Polls until count records came or the wait is over. */
  private static List<SourceRecord> pollUntil(MqttSourceTask task, int count, Duration wait)
      throws Exception {
    List<SourceRecord> records = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      List<SourceRecord> batch = task.poll();
      if (batch != null) {
        records.addAll(batch);
      }
    }
    return records;
  }

  @Test
  void message_becomesRecordWithMappedTopicKeyValueAndHeaders() throws Exception {
    MqttSourceTask task = start(props());

    publish("plant/lyon/line/7", "21.5");

    SourceRecord record = pollUntil(task, 1).get(0);
    assertThat(record.topic()).isEqualTo("telemetry.lyon");
    assertThat(record.key()).isEqualTo("lyon:line/7");
    assertThat(record.value()).isEqualTo("21.5");
    assertThat(record.headers().lastWithName(MqttHeaders.TOPIC).value()).isEqualTo("plant/lyon/line/7");
    assertThat(record.headers().lastWithName(MqttHeaders.QOS).value()).isEqualTo((byte) 1);
    assertThat(record.sourcePartition()).isNull();
    task.commitRecord(record, null);
  }

  @ParameterizedTest(name = "MQTT {0}")
  @ValueSource(strings = {"5", "3.1.1"})
  void uncommittedMessage_isRedeliveredToTheNextTaskOfTheSlot_committedOneIsNot(String version)
      throws Exception {
    Map<String, String> props = props();
    props.put("mqtt.version", version);
    MqttSourceTask first = start(props);
    publish("plant/lyon/a", "one");
    publish("plant/lyon/b", "two");
    List<SourceRecord> records = pollUntil(first, 2);
    assertThat(records).extracting(SourceRecord::value).containsExactly("one", "two");

    first.commitRecord(records.get(0), null); // "one" acknowledged, "two" never reached Kafka
    first.stop();
    tasks.remove(first);

    MqttSourceTask second = start(props);
    List<SourceRecord> redelivered = pollUntil(second, 1);
    assertThat(redelivered).extracting(SourceRecord::value).containsExactly("two");
    assertThat(redelivered.get(0).headers().lastWithName(MqttHeaders.DUPLICATE).value()).isEqualTo(true);
    assertThat(second.poll()).isNull();
    second.commitRecord(redelivered.get(0), null);
  }

  @ParameterizedTest(name = "MQTT {0}")
  @ValueSource(strings = {"5", "3.1.1"})
  void retainedBeforeStart_becomeRecordsOnceMarkedRetained(String version) throws Exception {
    String site = "retained" + version.replace(".", "");
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      topics.add("plant/" + site + "/" + i);
      publisher.publishAndWait(MqttMessage.builder(topics.get(i)).payload("state-" + i).qos(1)
          .retain(true).build());
    }
    try {
      Map<String, String> props = props();
      props.put("mqtt.version", version);
      MqttSourceTask task = start(props);

      List<SourceRecord> records = pollUntil(task, 30);
      // The plain subscription that asked for them is gone: nothing comes twice.
      records.addAll(pollUntil(task, 1, Duration.ofSeconds(1)));
      assertThat(records).extracting(SourceRecord::value)
          .containsExactlyInAnyOrderElementsOf(
              topics.stream().map(t -> "state-" + t.substring(t.lastIndexOf('/') + 1)).toList());
      assertThat(records).allSatisfy(r -> assertThat(
          r.headers().lastWithName(MqttHeaders.RETAINED).value()).isEqualTo(true));
      records.forEach(r -> task.commitRecord(r, null));

      publisher.publishAndWait(MqttMessage.builder("plant/" + site + "/live").payload("now")
          .qos(1).retain(true).build());
      topics.add("plant/" + site + "/live");
      SourceRecord live = pollUntil(task, 1).get(0);
      assertThat(live.value()).isEqualTo("now");
      assertThat(live.headers().lastWithName(MqttHeaders.RETAINED).value()).isEqualTo(false);
      task.commitRecord(live, null);
    } finally {
      // An empty retained message clears the topic's: the other tests share this broker.
      topics.forEach(t -> publisher.publishAndWait(
          MqttMessage.builder(t).payload(new byte[0]).qos(1).retain(true).build()));
    }
  }

  @Test
  void oversizedAndInvalidPayloads_goToErrorsTopicWithReason_andAreAcknowledged() throws Exception {
    MqttSourceTask task = start(props());

    publisher.publishAndWait(MqttMessage.builder("plant/lyon/x")
        .payload(new byte[] {(byte) 0xC3, (byte) 0x28}).qos(1).build());
    publish("plant/lyon/y", "x".repeat(101));

    List<SourceRecord> records = pollUntil(task, 2);
    assertThat(records).extracting(SourceRecord::topic).containsOnly("mqtt.errors");
    assertThat(records).extracting(r -> r.headers().lastWithName(MqttHeaders.ERROR_REASON).value())
        .containsExactly("value.invalid.utf8", "payload.too.large");
    assertThat(records.get(0).value()).isEqualTo(new byte[] {(byte) 0xC3, (byte) 0x28});
    assertThat(records.get(1).value()).isNull();
    assertThat(records.get(1).headers().lastWithName(MqttHeaders.PAYLOAD_SIZE).value()).isEqualTo(101);
    records.forEach(r -> task.commitRecord(r, null));
  }

  @Test
  void twoSlots_shareTheLoadThroughSharedSubscription() throws Exception {
    Map<String, String> slot0 = props();
    Map<String, String> slot1 = props();
    slot0.put("mqtt.session.slots", "2");
    slot1.put("mqtt.session.slots", "2");
    slot1.put("mqtt.task.slots", "1");
    MqttSourceTask a = start(slot0);
    MqttSourceTask b = start(slot1);

    for (int i = 0; i < 40; i++) {
      publish("plant/lyon/" + i, "m" + i);
    }

    List<SourceRecord> fromA = new ArrayList<>();
    List<SourceRecord> fromB = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fromA.size() + fromB.size() < 40 && System.nanoTime() < deadline) {
      List<SourceRecord> batchA = a.poll();
      List<SourceRecord> batchB = b.poll();
      if (batchA != null) {
        fromA.addAll(batchA);
        batchA.forEach(r -> a.commitRecord(r, null));
      }
      if (batchB != null) {
        fromB.addAll(batchB);
        batchB.forEach(r -> b.commitRecord(r, null));
      }
    }
    assertThat(fromA.size() + fromB.size()).isEqualTo(40);
    assertThat(fromA).isNotEmpty();
    assertThat(fromB).isNotEmpty();
  }

  @Test
  void brokerDownAtStart_slotIsRetried_andReceivesOnceTheBrokerIsUp() throws Exception {
    int port = Ports.freePort();
    Map<String, String> props = props();
    props.put("mqtt.server.uris", "tcp://127.0.0.1:" + port);
    MqttSourceTask task = start(props);
    assertThat(task.poll()).isNull();

    try (MqttBroker late = MqttBroker.builder().host("127.0.0.1").port(port).build().start();
        MqttClient latePublisher = MqttClient.builder().serverUri(late.uri()).build()) {
      latePublisher.connect().join();
      // The slot subscribes on its next retry; publish until a message gets through.
      List<SourceRecord> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        latePublisher.publishAndWait(
            MqttMessage.builder("plant/lyon/late").payload("hello").qos(1).build());
        List<SourceRecord> batch = task.poll();
        if (batch != null) {
          records.addAll(batch);
        }
      }
      assertThat(records).extracting(SourceRecord::value).contains("hello");
      records.forEach(r -> task.commitRecord(r, null));
      task.stop();
      tasks.remove(task);
    }
  }

  @ParameterizedTest(name = "MQTT {0}")
  @ValueSource(strings = {"5", "3.1.1"})
  void lostConnection_clientResumesSession_heldMessageNotWrittenTwice_ackedOnlyAfterCommit(
      String version) throws Exception {
    try (FaultProxy proxy = FaultProxy.start(BROKER.host(), BROKER.port())) {
      Map<String, String> props = props();
      props.put("mqtt.server.uris", proxy.uri());
      props.put("mqtt.version", version);
      MqttSourceTask first = start(props);
      publish("plant/lyon/a", "acked");
      publish("plant/lyon/b", "held");
      List<SourceRecord> before = pollUntil(first, 2);
      assertThat(before).extracting(SourceRecord::value).containsExactly("acked", "held");

      proxy.cutAll();
      // The broker redelivers both on resume; the client knows them and hands neither over again.
      publish("plant/lyon/c", "after");
      List<SourceRecord> after = pollUntil(first, 1);
      assertThat(after).extracting(SourceRecord::value).containsExactly("after");
      assertThat(pollUntil(first, 1, Duration.ofSeconds(1))).isEmpty();

      // Kafka "has" only the first record: its acknowledgement goes out after the resume.
      first.commitRecord(before.get(0), null);
      first.stop();
      tasks.remove(first);

      MqttSourceTask second = start(props);
      List<SourceRecord> redelivered = pollUntil(second, 2);
      redelivered.addAll(pollUntil(second, 1, Duration.ofSeconds(1)));
      assertThat(redelivered).extracting(SourceRecord::value)
          .containsExactlyInAnyOrder("held", "after");
      redelivered.forEach(r -> second.commitRecord(r, null));
    }
  }

  @Test
  void lostConnection_slot0ReadsTheRetainedMessagesAgain() throws Exception {
    String topic = "plant/relink/state";
    publisher.publishAndWait(MqttMessage.builder(topic).payload("on").qos(1).retain(true).build());
    try (FaultProxy proxy = FaultProxy.start(BROKER.host(), BROKER.port())) {
      Map<String, String> props = props();
      props.put("mqtt.server.uris", proxy.uri());
      MqttSourceTask task = start(props);
      SourceRecord first = pollUntil(task, 1).get(0);
      assertThat(first.value()).isEqualTo("on");
      task.commitRecord(first, null);

      proxy.cutAll();
      List<SourceRecord> again = pollUntil(task, 1, Duration.ofSeconds(15));
      assertThat(again).extracting(SourceRecord::value).containsExactly("on");
      assertThat(again.get(0).headers().lastWithName(MqttHeaders.RETAINED).value()).isEqualTo(true);
      task.commitRecord(again.get(0), null);
    } finally {
      publisher.publishAndWait(
          MqttMessage.builder(topic).payload(new byte[0]).qos(1).retain(true).build());
    }
  }

  @Test
  void receiveMaximum_boundsTheMessagesHeldUnacknowledged_moreFlowAfterCommits() throws Exception {
    Map<String, String> props = props();
    props.put("mqtt.receive.maximum", "3");
    props.put("mqtt.retained.ingest", "false");
    MqttSourceTask task = start(props);
    for (int i = 0; i < 8; i++) {
      publish("plant/window/" + i, "m" + i);
    }

    List<SourceRecord> first = pollUntil(task, 8, Duration.ofSeconds(2));
    assertThat(first).extracting(SourceRecord::value).containsExactly("m0", "m1", "m2");
    first.forEach(r -> task.commitRecord(r, null));
    List<SourceRecord> second = pollUntil(task, 5, Duration.ofSeconds(2));
    assertThat(second).extracting(SourceRecord::value).containsExactly("m3", "m4", "m5");
    second.forEach(r -> task.commitRecord(r, null));
    List<SourceRecord> last = pollUntil(task, 2);
    assertThat(last).extracting(SourceRecord::value).containsExactly("m6", "m7");
    last.forEach(r -> task.commitRecord(r, null));
  }

  @Test
  void refusedSubscription_failsTaskStartNamingTheFilter() throws Exception {
    Authorizer noSubscribe = new Authorizer() {
      @Override
      public boolean mayPublish(ClientIdentity client, String topic) {
        return true;
      }

      @Override
      public boolean maySubscribe(ClientIdentity client, String topicFilter) {
        return false;
      }
    };
    try (MqttBroker strict = MqttBroker.builder().host("127.0.0.1").port(0)
        .authorizer(noSubscribe).build().start()) {
      Map<String, String> props = props();
      props.put("mqtt.server.uris", strict.uri());
      assertThatThrownBy(() -> start(props))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("$share/" + name + "/plant/+/#")
          .hasMessageContaining("refused");
    }
  }
}
