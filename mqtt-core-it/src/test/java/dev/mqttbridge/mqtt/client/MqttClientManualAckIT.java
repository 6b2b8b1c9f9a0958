package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Manual acknowledgement against Mosquitto. What went out on the wire is observed through the
 * broker: after the connection ends, the broker redelivers to the session exactly the messages it
 * got no PUBACK for.
 */
class MqttClientManualAckIT {

  private static MosquittoBroker broker;
  private final List<MqttClient> clients = new ArrayList<>();

  @BeforeAll
  static void startBroker() {
    broker = MosquittoBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(MqttClient::close);
  }

  private MqttClient client(MqttClientBuilder builder) {
    MqttClient client = builder.serverUri(broker.uri())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    clients.add(client);
    return client;
  }

  @ParameterizedTest
  @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
  void acksOutOfOrder_sentInArrivalOrder_heldBackOnesRedeliveredAfterReconnect(
      MqttVersion version) throws InterruptedException {
    String clientId = "acker-" + version;
    String topic = "ack/" + version;
    MessageCollector received = new MessageCollector();
    MqttClient acker = client(MqttClient.builder().version(version).clientId(clientId)
        .cleanStart(false).sessionExpiryInterval(300).manualAcknowledgement(true));
    acker.connect().join();
    acker.subscribe(MqttSubscription.of(topic, MqttQos.AT_LEAST_ONCE), received).join();

    MqttClient publisher = client(MqttClient.builder().version(version));
    publisher.connect().join();
    for (int i = 1; i <= 3; i++) {
      publisher.publish(MqttMessage.builder(topic).qos(1).payload("m" + i).build()).join();
    }
    MqttReceivedMessage m1 = received.next();
    MqttReceivedMessage m2 = received.next();
    MqttReceivedMessage m3 = received.next();
    assertThat(List.of(m1, m2, m3)).extracting(m -> m.message().payloadAsString())
        .containsExactly("m1", "m2", "m3");

    // m3 acknowledged before m2: its PUBACK must wait for m2's, which never comes.
    m3.acknowledge();
    m1.acknowledge();
    Thread.sleep(300);
    acker.close();

    MessageCollector redelivered = new MessageCollector();
    MqttClient resumed = client(MqttClient.builder().version(version).clientId(clientId)
        .cleanStart(false).sessionExpiryInterval(300).defaultHandler(redelivered));
    assertThat(resumed.connect().join().sessionPresent()).isTrue();
    assertThat(redelivered.next().message().payloadAsString()).isEqualTo("m2");
    assertThat(redelivered.next().message().payloadAsString()).isEqualTo("m3");
    redelivered.expectNothingWithin(Duration.ofMillis(500));
  }

  @ParameterizedTest
  @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
  void heldBackAcksAtReceiveMaximum_connectionSurvivesKeepAlive_allArriveOnceAcknowledged(
      MqttVersion version) throws InterruptedException {
    String topic = "flow/" + version;
    List<MqttReceivedMessage> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    MqttClient subscriber = client(MqttClient.builder().version(version).clientId("flow-" + version)
        .keepAlive(1).receiveMaximum(2).manualAcknowledgement(true));
    subscriber.connect().join();
    subscriber.subscribe(MqttSubscription.of(topic, MqttQos.AT_LEAST_ONCE), held::add).join();

    MqttClient publisher = client(MqttClient.builder().version(version));
    publisher.connect().join();
    for (int i = 0; i < 6; i++) {
      publisher.publish(MqttMessage.builder(topic).qos(1).payload("m" + i).build()).join();
    }
    Thread.sleep(3_000);
    assertThat(subscriber.isConnected()).as("keep alive not tripped by held acks").isTrue();

    org.awaitility.Awaitility.await().atMost(MessageCollector.WAIT).until(() -> {
      held.forEach(MqttReceivedMessage::acknowledge);
      return held.size() == 6;
    });
    assertThat(held).extracting(m -> m.message().payloadAsString())
        .containsExactly("m0", "m1", "m2", "m3", "m4", "m5");
  }
}
