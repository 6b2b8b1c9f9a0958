package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

class MqttClientBuilderTest {

  @Test
  void defaults_documented() {
    MqttClientOptions options = MqttClient.builder().buildOptions();
    assertThat(options.version()).isEqualTo(MqttVersion.V5);
    assertThat(options.clientId()).isEmpty();
    assertThat(options.sessionLostPolicy()).isEqualTo(MqttSessionLostPolicy.FAIL);
    assertThat(options.reconnectPolicy().enabled()).isTrue();
    assertThat(options.keepAliveSeconds()).isEqualTo(60);
  }

  @Test
  void toString_neverShowsPassword() {
    MqttClientOptions options =
        MqttClient.builder().username("u").password("hunter2").buildOptions();
    assertThat(options.toString()).contains("u").doesNotContain("hunter2");
  }

  @Test
  void unsupportedScheme_failsClearly() {
    assertThatThrownBy(() -> MqttClient.builder().serverUri("http://localhost:80").buildOptions())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://localhost:80");
  }

  @Test
  void mqtt311PersistentSessionWithoutClientId_refused() {
    assertThatThrownBy(() -> MqttClient.builder().version(MqttVersion.V3_1_1).cleanStart(false)
        .buildOptions()).hasMessageContaining("MQTT-3.1.3-7");
  }

  @Test
  void publishToUnreachableServer_connectFailsWithConnectException() {
    try (MqttClient client = MqttClient.builder().serverUri("tcp://127.0.0.1:1")
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
      assertThatThrownBy(() -> client.connect().join())
          .hasCauseInstanceOf(MqttConnectException.class)
          .hasMessageContaining("127.0.0.1");
      assertThat(client.isConnected()).isFalse();
    }
  }

  @Test
  void closedClient_failsOperations() {
    MqttClient client = MqttClient.builder().build();
    client.close();
    assertThatThrownBy(() -> client.connect().join())
        .hasCauseInstanceOf(MqttClientClosedException.class);
  }
}
