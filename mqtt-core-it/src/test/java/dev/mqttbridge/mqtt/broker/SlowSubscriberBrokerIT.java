package dev.mqttbridge.mqtt.broker;

import static dev.mqttbridge.mqtt.broker.RawMqttSocket.publishPacket;
import static dev.mqttbridge.mqtt.broker.RawMqttSocket.subscribePacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A QoS 0 burst to a subscriber that reads only afterwards: the broker keeps what fits in {@link
 * MqttBroker.Builder#outboundBufferLimit} and counts the rest as dropped, never more.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SlowSubscriberBrokerIT {

  private static final int BURST = 10_000;

  @ParameterizedTest(name = "outboundBufferLimit={0}")
  @ValueSource(ints = {64 * 1024, 4 * 1024 * 1024})
  void qos0Burst_subscriberReadingLate_keptUpToOutboundBufferLimit_restCountedDropped(int limit)
      throws Exception {
    try (MqttBroker broker = MqttBroker.builder().port(0).outboundBufferLimit(limit).build()
        .start();
        RawMqttSocket subscriber = RawMqttSocket.openWithSmallBuffers(broker.host(),
            broker.port()).connect("late-reader", 0);
        RawMqttSocket publisher = RawMqttSocket.open(broker.host(), broker.port())
            .connect("burster", 0)) {
      subscriber.send(subscribePacket(1, "burst", 0));
      assertThat(subscriber.packet()[0]).isEqualTo((byte) 0x90);

      ByteArrayOutputStream burst = new ByteArrayOutputStream();
      for (int i = 0; i < BURST; i++) {
        burst.writeBytes(publishPacket("burst", 0, 0, new byte[256]));
      }
      publisher.send(burst.toByteArray());
      // Every message has been written to the subscriber's buffer or dropped.
      await().atMost(Duration.ofSeconds(60)).until(() ->
          broker.metrics().messagesSent() + broker.metrics().messagesDropped() == BURST);

      long sent = broker.metrics().messagesSent();
      for (long i = 0; i < sent; i++) {
        byte[] packet = subscriber.packet();
        assertThat(packet).as("message %d of %d", i, sent).isNotNull();
        assertThat(packet[0] & 0xF0).isEqualTo(0x30);
      }
      assertThat(subscriber.closedWithin(500)).as("nothing more, still open").isFalse();
      if (limit > BURST * 300) {
        assertThat(broker.metrics().messagesDropped()).isZero();
      } else {
        assertThat(sent).as("what fit into 64 KiB and the socket buffers").isLessThan(BURST);
      }
      assertThat(broker.droppedMessageCount()).isEqualTo(0); // queues: QoS 0 is never queued
    }
  }
}
