package dev.mqttbridge.kafka.connect.it;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The source connector cases against our embedded broker. */
class EmbeddedBrokerSourceConnectorIT extends AbstractMqttSourceConnectorIT {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();

  @Override
  String brokerUri() {
    return BROKER.uri().toString();
  }
}
