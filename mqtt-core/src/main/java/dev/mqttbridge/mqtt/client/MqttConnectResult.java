package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.List;

/**
 * A successful CONNACK and what the server said about the connection.
 *
 * @param reasonCode {@link MqttReasonCode#SUCCESS}
 * @param sessionPresent whether the server resumed a session
 * @param clientId the client identifier in use (server-assigned when the client sent none)
 * @param serverReceiveMaximum how many QoS 1 and 2 publishes the server accepts unacknowledged
 * @param serverKeepAlive the keep alive in effect, in seconds
 * @param maximumQos the highest QoS the server accepts
 * @param retainAvailable whether the server accepts retained messages
 * @param topicAliasMaximum how many topic aliases the server accepts from us
 * @param userProperties MQTT 5 user properties of the CONNACK
 * @param responseInformation MQTT 5 response information (when requested and given), or null
 * @param reasonString MQTT 5 reason string, or null
 */
public record MqttConnectResult(
    MqttReasonCode reasonCode,
    boolean sessionPresent,
    String clientId,
    int serverReceiveMaximum,
    int serverKeepAlive,
    MqttQos maximumQos,
    boolean retainAvailable,
    int topicAliasMaximum,
    List<MqttUserProperty> userProperties,
    String responseInformation,
    String reasonString) {

  public MqttConnectResult {
    userProperties = List.copyOf(userProperties);
  }
}
