package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import java.util.List;

/** Connection settings as a CONNACK would give them, for handler tests. */
final class Connacks {

  private Connacks() {}

  static ConnectionSettings settings(boolean sessionPresent, int serverReceiveMaximum) {
    return settings(sessionPresent, serverReceiveMaximum, 0);
  }

  static ConnectionSettings settings(boolean sessionPresent, int serverReceiveMaximum,
      int topicAliasMaximum) {
    ConnackProperties properties = new ConnackProperties(-1, serverReceiveMaximum,
        MqttQos.EXACTLY_ONCE, true, 0, null, topicAliasMaximum, null, List.of(), true, true, true,
        -1, null, null, null, null);
    return ConnectionSettings.of(
        new ConnackPacket(sessionPresent, MqttReasonCode.SUCCESS, properties), "client", 60, true);
  }
}
