package dev.mqttbridge.mqtt.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.Authenticator;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.OfflineQueuePolicy;
import dev.mqttbridge.mqtt.internal.broker.session.DeliveryBacklog;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A publisher floods a subscriber whose session thread is stuck (its connection's send blocks):
 * what waits for that thread stays within the session's backlog limit (queue 100 + Receive
 * Maximum 10 = 110), QoS 0 beyond it is dropped and counted, QoS 1 beyond it is kept but holds
 * the publisher's reading until the backlog has drained.
 */
class DeliveryBacklogFloodTest {

  private static final int FLOOD = 10_000;

  private CoreHarness harness;
  private CoreHarness.TestClient subscriber;
  private CoreHarness.TestClient publisher;
  private final CountDownLatch stuck = new CountDownLatch(1);

  @BeforeEach
  void subscriberStuckOnItsThread() throws InterruptedException {
    harness = new CoreHarness(Authenticator.ALLOW_ALL, Authorizer.ALLOW_ALL, null, 100,
        OfflineQueuePolicy.DROP_NEWEST);
    subscriber = harness.client("slow", MqttVersion.V5);
    subscriber.connect();
    subscriber.subscribe(MqttSubscription.of("flood/#", MqttQos.AT_LEAST_ONCE));
    // On another session thread, or the stuck one would stall the publisher itself.
    String publisherId = IntStream.range(0, 100).mapToObj(i -> "publisher-" + i)
        .filter(id -> harness.core.loops().loopFor(id) != harness.core.loops().loopFor("slow"))
        .findFirst().orElseThrow();
    publisher = harness.client(publisherId, MqttVersion.V5);
    publisher.connect();

    subscriber.connection.blockSends = stuck;
    publisher.publish("flood/first", "blocks", MqttQos.AT_MOST_ONCE, false);
    assertThat(subscriber.connection.blockedInSend.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @AfterEach
  void close() {
    stuck.countDown();
    harness.close();
  }

  @Test
  void qos0Flood_toStuckSubscriber_backlogStaysAtLimit_restDroppedAndCounted() {
    for (int i = 0; i < FLOOD; i++) {
      publisher.publish("flood/x", "m" + i, MqttQos.AT_MOST_ONCE, false);
    }
    awaitPublisherDone();

    DeliveryBacklog backlog = harness.core.sessions().get("slow").backlog();
    assertThat(backlog.limit()).isEqualTo(110);
    assertThat(backlog.size()).isEqualTo(110);
    assertThat(harness.core.droppedMessages()).isEqualTo(FLOOD - 110);
    assertThat(harness.core.counters().messagesDropped()).isEqualTo(FLOOD - 110);

    stuck.countDown();
    assertThat(subscriber.nextPublish().message().payloadAsString()).isEqualTo("blocks");
    for (int i = 0; i < 110; i++) {
      assertThat(subscriber.nextPublish().message().payloadAsString()).isEqualTo("m" + i);
    }
    subscriber.connection.assertNothingMore();
    assertThat(publisher.connection.holds).hasValue(0);
  }

  @Test
  void qos1Flood_beyondLimit_keptButPublisherHeldUntilDrained() {
    int count = 300;
    for (int i = 0; i < count; i++) {
      publisher.publish("flood/x", "m" + i, MqttQos.AT_LEAST_ONCE, false);
    }
    awaitPublisherDone();

    DeliveryBacklog backlog = harness.core.sessions().get("slow").backlog();
    assertThat(backlog.size()).isEqualTo(count);
    assertThat(harness.core.droppedMessages()).isZero();
    assertThat(publisher.connection.holds).hasValue(count - 110);
    assertThat(publisher.connection.releases).hasValue(0);

    stuck.countDown();
    subscriber.nextPublish();
    for (int i = 0; i < count; i++) {
      assertThat(subscriber.nextPublish().message().payloadAsString()).isEqualTo("m" + i);
    }
    assertThat(publisher.connection.releases).hasValue(count - 110);
    assertThat(backlog.size()).isZero();
  }

  /** The publisher's session thread has handled everything sent before (PINGREQ answered). */
  private void awaitPublisherDone() {
    publisher.send(PingreqPacket.INSTANCE);
    while (!(publisher.connection.next() instanceof PingrespPacket)) {
      // PUBACKs of the flood come first
    }
  }
}
