package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.Objects;

/**
 * An inbound packet broke the protocol. Carries the MQTT 5 reason code the connection answers with
 * (DISCONNECT, or CONNACK while connecting) before it closes: {@code MALFORMED_PACKET} when the
 * bytes cannot be parsed as the specification describes, {@code PROTOCOL_ERROR} when they parse but
 * break a rule, or a more specific code such as {@code PACKET_TOO_LARGE}, {@code
 * TOPIC_NAME_INVALID}, {@code TOPIC_ALIAS_INVALID} or {@code UNSUPPORTED_PROTOCOL_VERSION}.
 */
public final class MqttDecodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient MqttReasonCode reasonCode;

  /**
   * Creates an exception.
   *
   * @param reasonCode the reason code to answer with
   * @param message what is wrong, for the log and the reason string
   */
  public MqttDecodeException(MqttReasonCode reasonCode, String message) {
    super(message);
    this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
  }

  /**
   * Creates an exception caused by another one.
   *
   * @param reasonCode the reason code to answer with
   * @param message what is wrong
   * @param cause what detected it
   */
  public MqttDecodeException(MqttReasonCode reasonCode, String message, Throwable cause) {
    super(message, cause);
    this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
  }

  /** The reason code to answer with. */
  public MqttReasonCode reasonCode() {
    return reasonCode;
  }

  static MqttDecodeException malformed(String message) {
    return new MqttDecodeException(MqttReasonCode.MALFORMED_PACKET, message);
  }

  static MqttDecodeException protocolError(String message) {
    return new MqttDecodeException(MqttReasonCode.PROTOCOL_ERROR, message);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + ": " + reasonCode + " " + getMessage();
  }
}
