package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.Optional;

/** Base of the client's exceptions; carries the MQTT reason code when the server sent one. */
public class MqttClientException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient MqttReasonCode reasonCode;

  /** An exception without a reason code. */
  public MqttClientException(String message) {
    this(message, null, null);
  }

  /** An exception with a reason code (may be null) and a cause (may be null). */
  public MqttClientException(String message, MqttReasonCode reasonCode, Throwable cause) {
    super(message, cause);
    this.reasonCode = reasonCode;
  }

  /** The reason code the server (or the client's protocol check) gave, if any. */
  public Optional<MqttReasonCode> reasonCode() {
    return Optional.ofNullable(reasonCode);
  }
}
