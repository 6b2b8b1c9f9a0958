package dev.mqttbridge.test.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.broker.MqttBroker;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMqttBroker.class)
class EmbeddedMqttBrokerExtendWithTest {

  @Test
  void extendWith_brokerAndUriInjected_brokerAcceptsConnect(MqttBroker broker, URI uri)
      throws Exception {
    assertThat(uri.getPort()).isEqualTo(broker.port());
    assertThat(EmbeddedMqttBrokerTest.connackReturnCode(broker.port())).isZero();
  }
}
