package dev.mqttbridge.mqtt.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import dev.mqttbridge.mqtt.internal.packet.WillMessage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WillAndExpiryTest {

  private final CoreHarness harness = new CoreHarness();
  private CoreHarness.TestClient watcher;

  @BeforeEach
  void watchWills() {
    watcher = harness.client("watcher", MqttVersion.V5);
    watcher.connect();
    watcher.subscribe(MqttSubscription.of("will/#", MqttQos.AT_MOST_ONCE));
  }

  @AfterEach
  void close() {
    harness.close();
  }

  private static WillMessage will(String topic, long delaySeconds) {
    return new WillMessage(MqttMessage.builder(topic).payload("gone").build(), delaySeconds);
  }

  @Test
  void connectionLostWithoutDisconnect_willPublished() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V3_1_1);
    client.connect(true, 0, will("will/c1", 0));

    client.drop();

    assertThat(watcher.nextPublish().message().topic()).isEqualTo("will/c1");
  }

  @Test
  void normalDisconnect_willDiscarded() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect(true, 0, will("will/c1", 0));

    client.disconnect();
    client.drop();

    watcher.connection.assertNothingMore();
  }

  @Test
  void disconnectWithWillMessageReason_willPublished() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect(true, 0, will("will/c1", 0));

    client.send(DisconnectPacket.of(MqttReasonCode.DISCONNECT_WITH_WILL_MESSAGE));

    assertThat(watcher.nextPublish().message().topic()).isEqualTo("will/c1");
  }

  @Test
  void disconnectWithErrorReason_willPublished() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect(true, 0, will("will/c1", 0));

    client.send(DisconnectPacket.of(MqttReasonCode.UNSPECIFIED_ERROR));

    assertThat(watcher.nextPublish().message().topic()).isEqualTo("will/c1");
  }

  @Test
  void willDelay_publishedOnlyAfterDelay() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect(true, 3600, will("will/c1", 30));
    client.drop();

    harness.advance(Duration.ofSeconds(29));
    watcher.connection.assertNothingMore();
    harness.advance(Duration.ofSeconds(2));

    assertThat(watcher.nextPublish().message().topic()).isEqualTo("will/c1");
  }

  @Test
  void willDelay_reconnectWithinDelay_willCancelled() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect(true, 3600, will("will/c1", 30));
    client.drop();
    harness.advance(Duration.ofSeconds(10));

    client.connect(false, 3600, null);
    harness.advance(Duration.ofSeconds(60));

    watcher.connection.assertNothingMore();
  }

  @Test
  void sessionExpiryShorterThanWillDelay_willPublishedWhenSessionEnds() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect(true, 5, will("will/c1", 60));
    client.drop();

    harness.advance(Duration.ofSeconds(6));

    assertThat(watcher.nextPublish().message().topic()).isEqualTo("will/c1");
    pingRoundTrip(client);
  }

  @Test
  void sessionExpiry_sessionEndsAfterInterval() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect(true, 10, null);
    client.subscribe(MqttSubscription.of("x", MqttQos.AT_LEAST_ONCE));
    client.disconnect();

    harness.advance(Duration.ofSeconds(5));
    assertThat(client.connect(false, 10, null).sessionPresent()).isTrue();
    client.disconnect();
    harness.advance(Duration.ofSeconds(11));

    assertThat(client.connect(false, 10, null).sessionPresent()).isFalse();
  }

  @Test
  void takeoverWithCleanStart_olderWillPublished() {
    CoreHarness.TestClient first = harness.client("c1", MqttVersion.V5);
    first.connect(true, 3600, will("will/c1", 30));

    harness.client("c1", MqttVersion.V5).connect(true, 0, null);

    assertThat(watcher.nextPublish().message().topic()).isEqualTo("will/c1");
  }

  private void pingRoundTrip(CoreHarness.TestClient unused) {
    watcher.send(PingreqPacket.INSTANCE);
    watcher.connection.next(PingrespPacket.class);
  }
}
