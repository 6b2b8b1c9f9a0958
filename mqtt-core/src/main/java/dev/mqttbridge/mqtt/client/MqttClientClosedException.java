package dev.mqttbridge.mqtt.client;

/**
 * The operation cannot complete: the client was closed, or it is disconnected without automatic
 * reconnect.
 */
public final class MqttClientClosedException extends MqttClientException {

  private static final long serialVersionUID = 1L;

  public MqttClientClosedException(String message) {
    super(message);
  }
}
