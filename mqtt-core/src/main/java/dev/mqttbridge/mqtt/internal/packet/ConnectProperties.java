package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MQTT 5 CONNECT properties. Absent properties take their specified defaults; the encoder leaves
 * out properties equal to the default.
 *
 * @param sessionExpiryInterval seconds (default 0: the session ends with the connection;
 *     0xFFFFFFFF: never expires)
 * @param receiveMaximum 1 to 65,535 (default 65,535)
 * @param maximumPacketSize bytes, or 0 when absent (no limit beyond the protocol's)
 * @param topicAliasMaximum 0 to 65,535 (default 0: no aliases)
 * @param requestResponseInformation default false
 * @param requestProblemInformation default true
 * @param userProperties user properties, in order
 * @param authenticationMethod enhanced authentication method, or {@code null}
 * @param authenticationData enhanced authentication data, or {@code null}
 */
public record ConnectProperties(
    long sessionExpiryInterval,
    int receiveMaximum,
    long maximumPacketSize,
    int topicAliasMaximum,
    boolean requestResponseInformation,
    boolean requestProblemInformation,
    List<MqttUserProperty> userProperties,
    String authenticationMethod,
    byte[] authenticationData) {

  /** All defaults. */
  public static final ConnectProperties DEFAULTS =
      new ConnectProperties(0, 65_535, 0, 0, false, true, List.of(), null, null);

  public ConnectProperties {
    userProperties = List.copyOf(userProperties);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectProperties that
        && sessionExpiryInterval == that.sessionExpiryInterval
        && receiveMaximum == that.receiveMaximum
        && maximumPacketSize == that.maximumPacketSize
        && topicAliasMaximum == that.topicAliasMaximum
        && requestResponseInformation == that.requestResponseInformation
        && requestProblemInformation == that.requestProblemInformation
        && userProperties.equals(that.userProperties)
        && Objects.equals(authenticationMethod, that.authenticationMethod)
        && Arrays.equals(authenticationData, that.authenticationData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sessionExpiryInterval, receiveMaximum, maximumPacketSize, topicAliasMaximum,
            requestResponseInformation, requestProblemInformation, userProperties,
            authenticationMethod)
        * 31
        + Arrays.hashCode(authenticationData);
  }

  @Override
  public String toString() {
    return "ConnectProperties[sessionExpiryInterval=" + sessionExpiryInterval
        + ", receiveMaximum=" + receiveMaximum + ", maximumPacketSize=" + maximumPacketSize
        + ", topicAliasMaximum=" + topicAliasMaximum
        + ", requestResponseInformation=" + requestResponseInformation
        + ", requestProblemInformation=" + requestProblemInformation
        + ", userProperties=" + userProperties + ", authenticationMethod=" + authenticationMethod
        + ", authenticationData=" + (authenticationData == null ? "null"
            : authenticationData.length + " bytes") + "]";
  }
}
