package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;

/**
 * What the CONNACK settled for one connection; fired through the pipeline as a user event when the
 * connection is established, so that each handler starts its part.
 *
 * @param sessionPresent whether the server resumed the session
 * @param clientId the client id in use (assigned by the server when it sent one)
 * @param keepAliveSeconds the keep alive in effect (the server's if it sent one)
 * @param serverReceiveMaximum the server's Receive Maximum
 * @param serverTopicAliasMaximum how many aliases the server accepts from us
 * @param serverMaximumPacketSize the largest packet the server accepts, 0 for no limit
 * @param maximumQos the highest QoS the server accepts
 * @param retainAvailable whether the server accepts retained messages
 * @param subscriptionIdentifiersAvailable whether the server supports subscription identifiers
 * @param connack the CONNACK itself
 */
record ConnectionSettings(
    boolean sessionPresent,
    String clientId,
    int keepAliveSeconds,
    int serverReceiveMaximum,
    int serverTopicAliasMaximum,
    long serverMaximumPacketSize,
    MqttQos maximumQos,
    boolean retainAvailable,
    boolean subscriptionIdentifiersAvailable,
    ConnackPacket connack) {

  static ConnectionSettings of(ConnackPacket connack, String requestedClientId, int keepAlive,
      boolean mqtt5) {
    ConnackProperties p = connack.properties();
    String clientId = p.assignedClientIdentifier() != null
        ? p.assignedClientIdentifier() : requestedClientId;
    int effectiveKeepAlive = p.serverKeepAlive() >= 0 ? p.serverKeepAlive() : keepAlive;
    return new ConnectionSettings(connack.sessionPresent(), clientId, effectiveKeepAlive,
        p.receiveMaximum(), p.topicAliasMaximum(), p.maximumPacketSize(), p.maximumQos(),
        p.retainAvailable(), mqtt5 && p.subscriptionIdentifiersAvailable(), connack);
  }
}
