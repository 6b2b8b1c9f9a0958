package dev.mqttbridge.kafka.connect.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.junit.jupiter.api.Test;

class MqttHeadersTest {

  private static List<String> names(Headers headers) {
    List<String> names = new ArrayList<>();
    headers.forEach(h -> names.add(h.key()));
    return names;
  }

  @Test
  void plainMessage_getsTheFourDeliveryHeadersOnly() {
    MqttMessage message = MqttMessage.builder("a/b").payload(new byte[] {1}).qos(1).build();

    Headers headers = MqttHeaders.of(message, true);

    assertThat(names(headers)).containsExactly(
        MqttHeaders.TOPIC, MqttHeaders.QOS, MqttHeaders.RETAINED, MqttHeaders.DUPLICATE);
    assertThat(headers.lastWithName(MqttHeaders.TOPIC).value()).isEqualTo("a/b");
    assertThat(headers.lastWithName(MqttHeaders.QOS).value()).isEqualTo((byte) 1);
    assertThat(headers.lastWithName(MqttHeaders.RETAINED).value()).isEqualTo(false);
    assertThat(headers.lastWithName(MqttHeaders.DUPLICATE).value()).isEqualTo(true);
  }

  @Test
  void mqtt5Properties_becomeHeaders_userPropertiesPrefixedInOrder() {
    MqttMessage message = MqttMessage.builder("a/b")
        .payload("text")
        .contentType("text/plain")
        .responseTopic("r/t")
        .correlationData(new byte[] {7})
        .messageExpiryInterval(30)
        .userProperty("mqtt.topic", "spoof")
        .userProperty("site", "lyon")
        .userProperty("site", "paris")
        .build();

    Headers headers = MqttHeaders.of(message, false);

    assertThat(headers.lastWithName(MqttHeaders.CONTENT_TYPE).value()).isEqualTo("text/plain");
    assertThat(headers.lastWithName(MqttHeaders.PAYLOAD_FORMAT).value()).isEqualTo((byte) 1);
    assertThat(headers.lastWithName(MqttHeaders.RESPONSE_TOPIC).value()).isEqualTo("r/t");
    assertThat((byte[]) headers.lastWithName(MqttHeaders.CORRELATION_DATA).value()).containsExactly(7);
    assertThat(headers.lastWithName(MqttHeaders.MESSAGE_EXPIRY).value()).isEqualTo(30L);
    assertThat(headers.lastWithName(MqttHeaders.TOPIC).value()).isEqualTo("a/b");
    assertThat(headers.lastWithName("mqtt.user.mqtt.topic").value()).isEqualTo("spoof");
    List<Object> sites = new ArrayList<>();
    headers.allWithName("mqtt.user.site").forEachRemaining(h -> sites.add(((Header) h).value()));
    assertThat(sites).containsExactly("lyon", "paris");
  }
}
