package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MQTT 5 AUTH properties.
 *
 * @param authenticationMethod the method (required in AUTH unless the packet is empty)
 * @param authenticationData or {@code null}
 * @param reasonString or {@code null}
 * @param userProperties in order
 */
public record AuthProperties(
    String authenticationMethod,
    byte[] authenticationData,
    String reasonString,
    List<MqttUserProperty> userProperties) {

  /** No properties. */
  public static final AuthProperties NONE = new AuthProperties(null, null, null, List.of());

  public AuthProperties {
    userProperties = List.copyOf(userProperties);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthProperties that
        && Objects.equals(authenticationMethod, that.authenticationMethod)
        && Arrays.equals(authenticationData, that.authenticationData)
        && Objects.equals(reasonString, that.reasonString)
        && userProperties.equals(that.userProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(authenticationMethod, reasonString, userProperties) * 31
        + Arrays.hashCode(authenticationData);
  }

  @Override
  public String toString() {
    return "AuthProperties[authenticationMethod=" + authenticationMethod + ", authenticationData="
        + (authenticationData == null ? "null" : authenticationData.length + " bytes")
        + ", reasonString=" + reasonString + ", userProperties=" + userProperties + "]";
  }
}
