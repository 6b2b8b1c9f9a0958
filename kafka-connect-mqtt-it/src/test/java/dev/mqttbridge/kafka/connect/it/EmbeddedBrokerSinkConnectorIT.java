package dev.mqttbridge.kafka.connect.it;

import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.ClientIdentity;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink connector cases against our embedded broker, with an authorizer refusing a topic. */
class EmbeddedBrokerSinkConnectorIT extends AbstractMqttSinkConnectorIT {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER =
      EmbeddedMqttBroker.create(broker -> broker.authorizer(new RefuseForbidden()));

  @Override
  String brokerUri() {
    return BROKER.uri().toString();
  }

  /** Refuses publishes to {@code +/forbidden/#}: MQTT 5 clients get PUBACK 0x87. */
  private static final class RefuseForbidden implements Authorizer {
    @Override
    public boolean mayPublish(ClientIdentity client, String topic) {
      String[] levels = topic.split("/", -1);
      return levels.length < 2 || !levels[1].equals(FORBIDDEN);
    }

    @Override
    public boolean maySubscribe(ClientIdentity client, String topicFilter) {
      return true;
    }
  }
}
