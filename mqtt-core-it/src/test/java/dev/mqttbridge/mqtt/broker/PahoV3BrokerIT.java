package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Eclipse Paho's MQTT 3.1 / 3.1.1 client against the embedded broker. */
class PahoV3BrokerIT {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create(b -> b
      .authenticator(Authenticator.passwords(Map.of("alice", "secret"), true))
      .authorizer(new ForbiddenTopicsAuthorizer()));

  /** A Paho v3 client that records arrivals. */
  private static final class Client implements AutoCloseable {
    final MqttClient client;
    final BlockingQueue<String[]> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> lost = new LinkedBlockingQueue<>();

    Client(String id) throws MqttException {
      client = new MqttClient(BROKER.uri().toString(), id, new MemoryPersistence());
      client.setCallback(new MqttCallback() {
        @Override
        public void connectionLost(Throwable cause) {
          lost.add(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
          // One element per message, so a test never sees half of what arrived.
          messages.add(new String[] {topic, new String(message.getPayload(),
              StandardCharsets.UTF_8), Integer.toString(message.getQos()),
              Boolean.toString(message.isRetained())});
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
      });
    }

    Client connect(int version, boolean cleanSession) throws MqttException {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMqttVersion(version);
      options.setCleanSession(cleanSession);
      client.connect(options);
      return this;
    }

    String[] next() throws InterruptedException {
      String[] message = messages.poll(10, TimeUnit.SECONDS);
      assertThat(message).as("a message within 10 s").isNotNull();
      return message;
    }

    @Override
    public void close() throws MqttException {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close(true);
    }
  }

  private static void publish(Client client, String topic, String payload, int qos,
      boolean retain) throws MqttException {
    client.client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
  }

  @ParameterizedTest(name = "MQTT version {0}")
  @ValueSource(ints = {MqttConnectOptions.MQTT_VERSION_3_1, MqttConnectOptions.MQTT_VERSION_3_1_1})
  void qos0To2RoundTrip_inMqtt31And311(int version) throws Exception {
    try (Client sub = new Client("v3-sub-" + version).connect(version, true);
         Client pub = new Client("v3-pub-" + version).connect(version, true)) {
      sub.client.subscribe("v3/" + version + "/#", 2);
      for (int qos = 0; qos <= 2; qos++) {
        publish(pub, "v3/" + version + "/" + qos, "m" + qos, qos, false);
        assertThat(sub.next()).containsExactly("v3/" + version + "/" + qos, "m" + qos,
            Integer.toString(qos), "false");
      }
    }
  }

  @Test
  void retained_storedReplacedAndDeletedByEmptyPayload() throws Exception {
    try (Client pub = new Client("v3-ret-pub").connect(4, true)) {
      publish(pub, "v3ret/t", "first", 1, true);
      publish(pub, "v3ret/t", "second", 1, true);
      try (Client sub = new Client("v3-ret-sub1").connect(4, true)) {
        sub.client.subscribe("v3ret/#", 1);
        assertThat(sub.next()).containsExactly("v3ret/t", "second", "1", "true");
        publish(pub, "v3ret/t", "live", 1, true);
        // A live delivery carries retain=0 in 3.1.1 [MQTT-3.3.1-9].
        assertThat(sub.next()).containsExactly("v3ret/t", "live", "1", "false");
      }
      publish(pub, "v3ret/t", "", 1, true);
      try (Client sub = new Client("v3-ret-sub2").connect(4, true)) {
        sub.client.subscribe("v3ret/#", 1);
        assertThat(sub.messages.poll(500, TimeUnit.MILLISECONDS)).isNull();
      }
    }
  }

  @Test
  void will_publishedOnAbnormalDisconnect_notOnNormalDisconnect() throws Exception {
    try (Client watcher = new Client("v3-will-watcher").connect(4, true)) {
      watcher.client.subscribe("v3will/#", 1);
      MqttClient normal = new MqttClient(BROKER.uri().toString(), "v3-will-normal",
          new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setWill("v3will/normal", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
      normal.connect(options);
      normal.disconnect();
      normal.close();

      MqttClient abnormal = new MqttClient(BROKER.uri().toString(), "v3-will-abnormal",
          new MemoryPersistence());
      options.setWill("v3will/abnormal", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
      abnormal.connect(options);
      abnormal.disconnectForcibly(0, 1000, false); // closes the socket without DISCONNECT
      abnormal.close(true);

      assertThat(watcher.next()[0]).isEqualTo("v3will/abnormal");
      assertThat(watcher.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void persistentSession_messagesPublishedWhileOfflineDeliveredOnReconnect() throws Exception {
    try (Client pub = new Client("v3-offline-pub").connect(4, true)) {
      Client sub = new Client("v3-offline-sub").connect(4, false);
      sub.client.subscribe("v3off/#", 1);
      sub.client.disconnect();
      for (int i = 0; i < 3; i++) {
        publish(pub, "v3off/" + i, "m" + i, 1, false);
      }

      sub.connect(4, false);
      try (sub) {
        assertThat(sub.next()[1]).isEqualTo("m0");
        assertThat(sub.next()[1]).isEqualTo("m1");
        assertThat(sub.next()[1]).isEqualTo("m2");
      }
    }
  }

  @Test
  void sessionTakeover_olderConnectionClosed() throws Exception {
    try (Client first = new Client("v3-takeover").connect(4, true);
         Client second = new Client("v3-takeover").connect(4, true)) {
      assertThat(first.lost.poll(10, TimeUnit.SECONDS)).isNotNull();
      assertThat(second.client.isConnected()).isTrue();
    }
  }

  @Test
  void forbiddenSubscription_subackFailure0x80() throws Exception {
    try (Client client = new Client("v3-forbidden").connect(4, true)) {
      int[] granted = client.client.subscribeWithResponse(
          new String[] {"forbidden/x", "allowed/x"}, new int[] {1, 1}).getGrantedQos();

      assertThat(granted).containsExactly(0x80, 1);
    }
  }

  @Test
  void wrongPassword_refusedWithReturnCode4() throws Exception {
    MqttClient client = new MqttClient(BROKER.uri().toString(), "v3-badpass",
        new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName("alice");
    options.setPassword("wrong".toCharArray());

    assertThatThrownBy(() -> client.connect(options))
        .isInstanceOfSatisfying(MqttException.class,
            e -> assertThat(e.getReasonCode())
                .isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
    client.close(true);
  }
}
