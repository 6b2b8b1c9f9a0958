package dev.mqttbridge.mqtt.client;

import java.time.Duration;

/**
 * Hears about the client's connection: established, lost, and automatic reconnect attempts. Set it
 * with {@link MqttClientBuilder#connectionListener}. Events arrive in order on the client's
 * completion thread (never the network thread, never the message handlers' thread); a listener
 * should return quickly, and what it throws is logged and ignored.
 */
public interface MqttConnectionListener {

  /**
   * A connection is established: the first one and every reconnect.
   *
   * @param result the CONNACK, including whether the server resumed the session
   */
  default void connected(MqttConnectResult result) {}

  /**
   * An established connection ended.
   *
   * @param cause why: a {@link MqttClientException} for a server DISCONNECT or a protocol error,
   *     an I/O error, or {@code null} when the application called {@link MqttClient#disconnect()}
   *     or {@link MqttClient#close()}
   */
  default void disconnected(Throwable cause) {}

  /**
   * An automatic reconnect is scheduled (after a lost connection, or for a first {@code connect()}
   * when {@link MqttClientBuilder#retryFirstConnect} is set).
   *
   * @param attempt 1 for the first attempt after the connection was lost, then 2, 3, ...
   * @param delay how long the client waits before the attempt
   * @param cause why the previous connection or attempt failed
   */
  default void reconnecting(int attempt, Duration delay, Throwable cause) {}
}
