package dev.mqttbridge.mqtt.broker;

import static dev.mqttbridge.mqtt.broker.RawMqttSocket.connectPacket;
import static dev.mqttbridge.mqtt.broker.RawMqttSocket.publishPacket;
import static dev.mqttbridge.mqtt.broker.RawMqttSocket.subscribePacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MqttBroker#metrics()} and the {@code $SYS/broker/...} topics, driven by raw clients. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BrokerMetricsIT {

  @RegisterExtension
  final EmbeddedMqttBroker broker = EmbeddedMqttBroker.create(b -> b.maxQueuedMessages(1));

  private RawMqttSocket open() throws IOException {
    return RawMqttSocket.open(broker.host(), broker.port());
  }

  @Test
  void notStarted_metricsAllZero() {
    assertThat(MqttBroker.builder().port(0).build().metrics()).isEqualTo(BrokerMetrics.NONE);
  }

  @Test
  void publishAndSubscribe_countedInMetrics() throws Exception {
    try (RawMqttSocket subscriber = open().connect("metrics-sub", 60);
        RawMqttSocket publisher = open().connect("metrics-pub", 60)) {
      subscriber.send(subscribePacket(1, "metrics/#", 1));
      assertThat(subscriber.packet()[0]).isEqualTo((byte) 0x90);

      publisher.send(publishPacket("metrics/a", 1, 7, "hello".getBytes(), true));
      assertThat(publisher.packet()).containsExactly(0x40, 2, 0, 7);
      assertThat(subscriber.packet()[0] & 0xF0).isEqualTo(0x30);

      BrokerMetrics metrics = broker.broker().metrics();
      assertThat(metrics.connections()).isEqualTo(2);
      assertThat(metrics.connectedClients()).isEqualTo(2);
      assertThat(metrics.messagesReceived()).isEqualTo(1);
      assertThat(metrics.messagesSent()).isEqualTo(1);
      assertThat(metrics.messagesDropped()).isZero();
      assertThat(metrics.retainedMessages()).isEqualTo(1);
      assertThat(metrics.subscriptions()).isEqualTo(1);
      // CONNECT x2, SUBSCRIBE, PUBLISH in; CONNACK x2, SUBACK, PUBACK, PUBLISH out.
      assertThat(metrics.bytesReceived()).isGreaterThan(40);
      assertThat(metrics.bytesSent()).isGreaterThan(20);
    }
    await().atMost(Duration.ofSeconds(30))
        .until(() -> broker.broker().metrics().connectedClients() == 0);
    assertThat(broker.broker().metrics().connections()).isZero();
  }

  @Test
  void fullOfflineQueue_countedAsDropped() throws Exception {
    try (RawMqttSocket subscriber = open().connect(connectPacket("offline-sub", 60, false))) {
      subscriber.send(subscribePacket(1, "queued", 1));
      assertThat(subscriber.packet()[0]).isEqualTo((byte) 0x90);
    }
    await().atMost(Duration.ofSeconds(30))
        .until(() -> broker.broker().metrics().connectedClients() == 0);
    try (RawMqttSocket publisher = open().connect("queue-filler", 60)) {
      for (int id = 1; id <= 3; id++) {
        publisher.send(publishPacket("queued", 1, id, new byte[] {(byte) id}));
        assertThat(publisher.packet()[0]).isEqualTo((byte) 0x40);
      }
    }

    // The queue holds one: two of the three dropped.
    await().atMost(Duration.ofSeconds(30))
        .until(() -> broker.broker().metrics().messagesDropped() == 2);
  }

  @Test
  void systemTopicsEnabled_publishedRetainedUnderSys_notMatchedByHash() throws Exception {
    try (MqttBroker sys = MqttBroker.builder().port(0)
            .systemTopicsInterval(Duration.ofMillis(200)).build().start();
        RawMqttSocket watcher = RawMqttSocket.open(sys.host(), sys.port())
            .connect("sys-watcher", 60);
        RawMqttSocket everything = RawMqttSocket.open(sys.host(), sys.port())
            .connect("hash-watcher", 60)) {
      everything.send(subscribePacket(1, "#", 0));
      assertThat(everything.packet()[0]).isEqualTo((byte) 0x90);
      watcher.send(subscribePacket(1, "$SYS/broker/#", 0));
      assertThat(watcher.packet()[0]).isEqualTo((byte) 0x90);

      Map<String, String> latest = new HashMap<>();
      while (!"2".equals(latest.get("$SYS/broker/clients/connected"))
          || !"2".equals(latest.get("$SYS/broker/subscriptions/count"))) {
        byte[] publish = watcher.packet();
        assertThat(publish).isNotNull();
        int topicLength = (publish[2] & 0xFF) << 8 | publish[3] & 0xFF;
        latest.put(new String(publish, 4, topicLength, StandardCharsets.UTF_8),
            new String(Arrays.copyOfRange(publish, 4 + topicLength, publish.length),
                StandardCharsets.UTF_8));
      }
      assertThat(latest).containsKeys("$SYS/broker/uptime", "$SYS/broker/messages/received",
          "$SYS/broker/messages/sent", "$SYS/broker/messages/dropped",
          "$SYS/broker/bytes/received", "$SYS/broker/bytes/sent",
          "$SYS/broker/retained messages/count");
      assertThat(everything.closedWithin(1_000)).as("'#' got nothing and stays open").isFalse();
    }
  }
}
