package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.List;

/**
 * MQTT 5 DISCONNECT properties.
 *
 * @param sessionExpiryInterval seconds, or -1 when absent (client to server only)
 * @param reasonString or {@code null}
 * @param userProperties in order
 * @param serverReference or {@code null} (server to client only)
 */
public record DisconnectProperties(
    long sessionExpiryInterval,
    String reasonString,
    List<MqttUserProperty> userProperties,
    String serverReference) {

  /** No properties. */
  public static final DisconnectProperties NONE =
      new DisconnectProperties(-1, null, List.of(), null);

  public DisconnectProperties {
    userProperties = List.copyOf(userProperties);
  }

  /** Whether there is nothing to encode. */
  public boolean isEmpty() {
    return sessionExpiryInterval < 0
        && reasonString == null
        && userProperties.isEmpty()
        && serverReference == null;
  }
}
