package dev.mqttbridge.kafka.connect.it;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink connector cases against our embedded broker. */
class EmbeddedBrokerSinkConnectorIT extends AbstractMqttSinkConnectorIT {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();

  @Override
  String brokerUri() {
    return BROKER.uri().toString();
  }
}
