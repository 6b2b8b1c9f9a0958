package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttReasonCode;

/**
 * The server refused the connection (CONNACK with an error code), the connection could not be
 * established, or it closed before CONNACK. The message names the cause, for example a client
 * identifier the server rejected as too long.
 */
public final class MqttConnectException extends MqttClientException {

  private static final long serialVersionUID = 1L;

  public MqttConnectException(String message, MqttReasonCode reasonCode, Throwable cause) {
    super(message, reasonCode, cause);
  }
}
