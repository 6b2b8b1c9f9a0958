package dev.mqttbridge.camel;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared suite against the project's embedded broker. */
class EmbeddedBrokerMqttComponentIT extends AbstractMqttComponentIT {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();

  @Override
  protected String brokerUri() {
    return BROKER.broker().uri();
  }
}
