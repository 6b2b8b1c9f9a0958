package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.List;

/**
 * How a publish ended: for QoS 0 when it was written to the socket, for QoS 1 at PUBACK, for QoS 2
 * at PUBCOMP (or at a PUBREC carrying an error). MQTT 3.1.1 acknowledgements are always
 * {@link MqttReasonCode#SUCCESS}. A future completes normally also when the server answered with an
 * error reason code: check {@link #isSuccess()}.
 *
 * @param message the message that was published
 * @param reasonCode the reason code of PUBACK, PUBREC or PUBCOMP ({@code SUCCESS} for QoS 0)
 * @param reasonString MQTT 5 reason string, or {@code null}
 * @param userProperties MQTT 5 user properties of the acknowledgement
 */
public record MqttPublishResult(
    MqttMessage message,
    MqttReasonCode reasonCode,
    String reasonString,
    List<MqttUserProperty> userProperties) {

  public MqttPublishResult {
    userProperties = List.copyOf(userProperties);
  }

  /** True unless the reason code is an error (0x80 or higher). */
  public boolean isSuccess() {
    return !reasonCode.isError();
  }
}
