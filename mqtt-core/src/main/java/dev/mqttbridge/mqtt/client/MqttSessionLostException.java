package dev.mqttbridge.mqtt.client;

/**
 * The server answered a reconnect with session present = 0 while this publish was unacknowledged,
 * and {@link MqttSessionLostPolicy#FAIL} is configured: the server may or may not have delivered
 * the message. The application decides whether to publish it again.
 */
public final class MqttSessionLostException extends MqttClientException {

  private static final long serialVersionUID = 1L;

  public MqttSessionLostException(String message) {
    super(message);
  }
}
