package dev.mqttbridge.kafka.connect.it;

import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sink connector cases against Mosquitto. */
class MosquittoSinkConnectorIT extends AbstractMqttSinkConnectorIT {

  private static MosquittoBroker mosquitto;

  @BeforeAll
  static void startMosquitto() {
    mosquitto = MosquittoBroker.start();
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
