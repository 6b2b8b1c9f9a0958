package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.List;

/**
 * The MQTT 5 properties of acknowledgement packets (PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK,
 * UNSUBACK): a reason string and user properties.
 *
 * @param reasonString human-readable diagnostics, or {@code null}
 * @param userProperties user properties, in order
 */
public record ReasonProperties(String reasonString, List<MqttUserProperty> userProperties) {

  /** No properties. */
  public static final ReasonProperties NONE = new ReasonProperties(null, List.of());

  public ReasonProperties {
    userProperties = List.copyOf(userProperties);
  }

  /** Whether there is nothing to encode. */
  public boolean isEmpty() {
    return reasonString == null && userProperties.isEmpty();
  }
}
