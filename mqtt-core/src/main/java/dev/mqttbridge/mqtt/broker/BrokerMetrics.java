package dev.mqttbridge.mqtt.broker;

/**
 * A snapshot of an {@link MqttBroker}'s activity since it started; immutable. The figures are
 * read one after another, not atomically together.
 *
 * @param connections network connections open, including those that have not completed CONNECT
 * @param connectedClients clients past a successful CONNECT and still connected
 * @param messagesReceived application messages (PUBLISH) received from clients; a QoS 2 message
 *     counts once
 * @param messagesSent PUBLISH packets written to clients, resends included
 * @param messagesDropped messages a subscriber did not get: its session queue was full, it could
 *     not keep up with QoS 0 (its outbound buffer or its session's delivery backlog was full),
 *     or the message exceeded its Maximum Packet Size
 * @param bytesReceived bytes read from all connections
 * @param bytesSent bytes written to all connections
 * @param retainedMessages retained messages held (the broker's own {@code $SYS} topics included)
 * @param subscriptions subscriptions held: each non-shared (client, filter) pair plus each shared
 *     subscription group
 */
public record BrokerMetrics(
    int connections,
    long connectedClients,
    long messagesReceived,
    long messagesSent,
    long messagesDropped,
    long bytesReceived,
    long bytesSent,
    int retainedMessages,
    int subscriptions) {

  /** All zero: a broker not started. */
  public static final BrokerMetrics NONE = new BrokerMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
