package dev.mqttbridge.mqtt.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedSubscriptionTest {

  private final CoreHarness harness = new CoreHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void sharedGroup_messagesBalancedRoundRobinAmongConnectedMembers() {
    CoreHarness.TestClient a = member("a", 0);
    CoreHarness.TestClient b = member("b", 0);
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();

    for (int i = 0; i < 4; i++) {
      publisher.publish("jobs/1", "j" + i, MqttQos.AT_LEAST_ONCE, false);
      publisher.connection.next(PubackPacket.class);
    }

    List<String> toA = payloads(a, 2);
    List<String> toB = payloads(b, 2);
    assertThat(toA).hasSize(2);
    assertThat(toB).hasSize(2);
    assertThat(union(toA, toB)).containsExactlyInAnyOrder("j0", "j1", "j2", "j3");
    a.connection.assertNothingMore();
  }

  @Test
  void sharedGroup_offlineMemberSkippedWhileAnotherIsConnected() {
    CoreHarness.TestClient a = member("a", 3600);
    CoreHarness.TestClient b = member("b", 3600);
    a.disconnect();
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();

    for (int i = 0; i < 3; i++) {
      publisher.publish("jobs/1", "j" + i, MqttQos.AT_LEAST_ONCE, false);
      publisher.connection.next(PubackPacket.class);
    }

    assertThat(payloads(b, 3)).containsExactly("j0", "j1", "j2");
  }

  @Test
  void sharedGroup_memberSessionEnds_unacknowledgedMessagesGoToAnotherMember() {
    CoreHarness.TestClient a = member("a", 0);
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();
    publisher.publish("jobs/1", "j0", MqttQos.AT_LEAST_ONCE, false);
    assertThat(a.nextPublish().message().payloadAsString()).isEqualTo("j0");
    CoreHarness.TestClient b = member("b", 0);

    a.drop(); // never acknowledged; session expiry 0 ends the session

    PublishPacket redelivered = b.nextPublish();
    assertThat(redelivered.message().payloadAsString()).isEqualTo("j0");
  }

  @Test
  void sharedGroup_memberSessionEnds_sentQos2MessageNotGivenToAnotherMember() {
    CoreHarness.TestClient a = harness.client("a", MqttVersion.V5);
    a.connect(true, 0, null);
    a.subscribe(MqttSubscription.of("$share/workers/jobs/+", MqttQos.EXACTLY_ONCE));
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();
    publisher.publish("jobs/1", "exactly-once", MqttQos.EXACTLY_ONCE, false);
    assertThat(a.nextPublish().message().qos()).isEqualTo(MqttQos.EXACTLY_ONCE);
    CoreHarness.TestClient b = harness.client("b", MqttVersion.V5);
    b.connect(true, 0, null);
    b.subscribe(MqttSubscription.of("$share/workers/jobs/+", MqttQos.EXACTLY_ONCE));

    a.drop(); // [MQTT-4.8.2-5]: the QoS 2 delivery had started, so it stays with a's session

    b.connection.assertNothingMore();
  }

  @Test
  void sharedSubscription_noRetainedMessagesOnSubscribe() {
    CoreHarness.TestClient publisher = harness.client("pub", MqttVersion.V5);
    publisher.connect();
    publisher.publish("jobs/1", "old", MqttQos.AT_MOST_ONCE, true);

    CoreHarness.TestClient a = member("a", 0);

    a.connection.assertNothingMore();
  }

  private CoreHarness.TestClient member(String clientId, long sessionExpiry) {
    CoreHarness.TestClient client = harness.client(clientId, MqttVersion.V5);
    client.connect(true, sessionExpiry, null);
    client.subscribe(MqttSubscription.of("$share/workers/jobs/+", MqttQos.AT_LEAST_ONCE));
    return client;
  }

  private static List<String> payloads(CoreHarness.TestClient client, int count) {
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      PublishPacket publish = client.nextPublish();
      payloads.add(publish.message().payloadAsString());
      client.send(PubackPacket.of(publish.packetId()));
    }
    return payloads;
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
