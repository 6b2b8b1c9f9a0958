package dev.mqttbridge.mqtt.broker;

/**
 * What a persistent session's message queue does when it is full (see {@link
 * MqttBroker.Builder#maxQueuedMessages(int)}). Either way the dropped message is counted in {@link
 * MqttBroker#droppedMessageCount()} and logged at debug level.
 *
 * <p>Only QoS 1 and 2 messages are queued; a QoS 0 message for a client that is not connected is
 * not kept at all (MQTT leaves that to the server; it is not counted as dropped).
 */
public enum OfflineQueuePolicy {
  /** Keep what is queued and drop the new message (Mosquitto's behaviour). */
  DROP_NEWEST,
  /** Drop the oldest queued message to make room for the new one. */
  DROP_OLDEST
}
