package dev.mqttbridge.kafka.connect.it;

import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sink connector cases against Mosquitto, with an ACL refusing a topic. */
class MosquittoSinkConnectorIT extends AbstractMqttSinkConnectorIT {

  private static MosquittoBroker mosquitto;

  @BeforeAll
  static void startMosquitto() {
    // Anonymous clients (ACL lines before any user line): deny is checked before readwrite.
    mosquitto = MosquittoBroker.start(MosquittoConfig.builder()
        .acl("topic deny +/" + FORBIDDEN + "/#", "topic readwrite #").build());
  }

  @AfterAll
  static void stopMosquitto() {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Override
  String brokerUri() {
    return mosquitto.uri();
  }
}
