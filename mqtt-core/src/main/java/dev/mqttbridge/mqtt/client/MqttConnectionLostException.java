package dev.mqttbridge.mqtt.client;

/**
 * The connection was lost before the server answered this request (a SUBSCRIBE or UNSUBSCRIBE)
 * and automatic reconnect is off, so nothing will send it again. Whether the server acted on it is
 * unknown; the application may connect and make the request again. With reconnect on, such
 * requests wait for the next connection instead.
 */
public final class MqttConnectionLostException extends MqttClientException {

  private static final long serialVersionUID = 1L;

  public MqttConnectionLostException(String message, Throwable cause) {
    super(message, null, cause);
  }
}
