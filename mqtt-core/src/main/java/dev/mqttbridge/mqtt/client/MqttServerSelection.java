package dev.mqttbridge.mqtt.client;

/**
 * The order in which a client with several server URIs tries them. Each round (the application's
 * {@link MqttClient#connect()}, or reconnecting after an established connection was lost) tries the
 * servers one after the other, with the reconnect back-off between attempts after a loss.
 *
 * <p>A persistent session lives on one server: on another one the CONNACK says session present = 0,
 * subscriptions are made again and unacknowledged publishes follow the {@link MqttSessionLostPolicy}.
 */
public enum MqttServerSelection {
  /** The default: the first URI first, so a primary is preferred whenever it is up. */
  IN_ORDER,
  /** A fresh random order each round, to spread clients across equal servers. */
  RANDOM
}
