package dev.mqttbridge.cli.pub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttPropertyTest {

  @Test
  void userPropertyTakesTwoValues_othersOne() {
    List<MqttProperty> parsed = MqttProperty.parse(List.of("publish", "user-property", "k", "v",
        "publish", "content-type", "text/plain", "connect", "session-expiry-interval", "60"));
    assertThat(parsed).containsExactly(
        new MqttProperty("publish", "user-property", List.of("k", "v")),
        new MqttProperty("publish", "content-type", List.of("text/plain")),
        new MqttProperty("connect", "session-expiry-interval", List.of("60")));

    MqttMessage message = MqttProperty.applyPublish(parsed, MqttMessage.builder("t")).build();
    assertThat(message.userProperties()).containsExactly(MqttUserProperty.of("k", "v"));
    assertThat(message.contentType()).isEqualTo("text/plain");
  }

  @Test
  void incompleteOrUnknown_failsNamingIt() {
    assertThatThrownBy(() -> MqttProperty.parse(List.of("publish", "user-property", "k")))
        .hasMessageContaining("user-property");
    assertThatThrownBy(() -> MqttProperty.applyPublish(
        MqttProperty.parse(List.of("publish", "colour", "red")), MqttMessage.builder("t")))
        .hasMessageContaining("colour");
  }

  @Test
  void urlForm_setsHostPortCredentialsAndTopic() {
    ClientOptions options = new ClientOptions();
    options.url = "mqtt://user:p%40ss@example.org:1884/a/b";
    assertThat(options.applyUrl()).isEqualTo("a/b");
    assertThat(options.host).isEqualTo("example.org");
    assertThat(options.port).isEqualTo(1884);
    assertThat(options.username).isEqualTo("user");
    assertThat(options.password).isEqualTo("p@ss");
  }
}
