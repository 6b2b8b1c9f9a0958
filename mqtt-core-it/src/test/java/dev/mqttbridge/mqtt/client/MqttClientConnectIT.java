package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CONNECT against Mosquitto: versions, client ids, credentials. */
class MqttClientConnectIT {

  private static final String LONG_CLIENT_ID = "client-id-longer-than-twenty-three-chars";

  private static MosquittoBroker broker;
  private static MosquittoBroker securedBroker;

  @BeforeAll
  static void startBrokers() {
    broker = MosquittoBroker.start();
    securedBroker = MosquittoBroker.start(MosquittoConfig.builder()
        .allowAnonymous(false).user("alice", "wonderland").build());
  }

  @AfterAll
  static void stopBrokers() {
    broker.close();
    securedBroker.close();
  }

  private static MqttClientBuilder client(MosquittoBroker target, MqttVersion version) {
    return MqttClient.builder().serverUri(target.uri()).version(version)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED);
  }

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void connect_eachVersion_succeedsAndDisconnects(MqttVersion version) {
    try (MqttClient client = client(broker, version).clientId("v-" + version).build()) {
      MqttConnectResult result = client.connect().join();
      assertThat(result.reasonCode()).isEqualTo(MqttReasonCode.SUCCESS);
      assertThat(result.sessionPresent()).isFalse();
      assertThat(client.isConnected()).isTrue();
      client.disconnect().join();
      assertThat(client.isConnected()).isFalse();
    }
  }

  @Test
  void connectMqtt5_emptyClientId_serverAssignsOne() {
    try (MqttClient client = client(broker, MqttVersion.V5).build()) {
      MqttConnectResult result = client.connect().join();
      assertThat(result.clientId()).isNotEmpty();
      assertThat(client.clientId()).isEqualTo(result.clientId());
    }
  }

  @ParameterizedTest
  @EnumSource(MqttVersion.class)
  void longClientId_acceptedWhereTheBrokerAllowsIt(MqttVersion version) {
    // Mosquitto 2.0.11 accepts long ids in every version; ConnectHandlerTest covers a refusal.
    try (MqttClient client = client(broker, version).clientId(LONG_CLIENT_ID).build()) {
      assertThat(client.connect().join().reasonCode()).isEqualTo(MqttReasonCode.SUCCESS);
    }
  }

  @Test
  void clientIdRejected_mqtt31EmptyId_failsNamingTheCause() {
    try (MqttClient client = client(broker, MqttVersion.V3_1).build()) {
      assertThatThrownBy(() -> client.connect().join())
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(MqttConnectException.class)
          .hasMessageContaining("CLIENT_IDENTIFIER_NOT_VALID")
          .hasMessageContaining("rejected client id ''");
    }
  }

  @ParameterizedTest
  @EnumSource(value = MqttVersion.class, names = {"V5", "V3_1_1"})
  void credentials_rightOnesConnect_wrongOnesRefusedNamingTheCause(MqttVersion version) {
    try (MqttClient client = client(securedBroker, version).clientId("good")
        .username("alice").password("wonderland").build()) {
      assertThat(client.connect().join().reasonCode()).isEqualTo(MqttReasonCode.SUCCESS);
    }
    try (MqttClient client = client(securedBroker, version).clientId("bad")
        .username("alice").password("wrong").build()) {
      assertThatThrownBy(() -> client.connect().join())
          .cause().isInstanceOf(MqttConnectException.class)
          .satisfies(e -> assertThat(((MqttConnectException) e).reasonCode()).hasValueSatisfying(
              code -> assertThat(code).isIn(MqttReasonCode.BAD_USER_NAME_OR_PASSWORD,
                  MqttReasonCode.NOT_AUTHORIZED)))
          .hasMessageNotContaining("wrong");
    }
  }

  @Test
  void keepAlive_pingsKeepAnIdleConnectionOpen() throws InterruptedException {
    try (MqttClient client = client(broker, MqttVersion.V5).keepAlive(1).build()) {
      client.connect().join();
      long before = client.metrics().bytesOut();
      Thread.sleep(3_500);
      assertThat(client.isConnected()).isTrue();
      assertThat(client.metrics().bytesOut()).as("PINGREQs written").isGreaterThan(before);
    }
  }

  @Test
  void severalServerUris_firstUnreachable_connectsToTheNext() {
    try (MqttClient client = MqttClient.builder()
        .serverUris(java.util.List.of(java.net.URI.create("tcp://127.0.0.1:1"),
            java.net.URI.create(broker.uri())))
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
      assertThat(client.connect().join().reasonCode()).isEqualTo(MqttReasonCode.SUCCESS);
    }
  }
}
