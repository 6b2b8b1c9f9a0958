package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * MQTT 5 CONNACK properties. Absent properties take their specified defaults; {@code -1} marks
 * absent where absence means "use the client's value".
 *
 * @param sessionExpiryInterval seconds, or -1 when absent (the client's value applies)
 * @param receiveMaximum 1 to 65,535 (default 65,535)
 * @param maximumQos default {@link MqttQos#EXACTLY_ONCE}
 * @param retainAvailable default true
 * @param maximumPacketSize bytes, or 0 when absent (no limit)
 * @param assignedClientIdentifier the identifier the server assigned, or {@code null}
 * @param topicAliasMaximum default 0
 * @param reasonString or {@code null}
 * @param userProperties in order
 * @param wildcardSubscriptionAvailable default true
 * @param subscriptionIdentifiersAvailable default true
 * @param sharedSubscriptionAvailable default true
 * @param serverKeepAlive seconds, or -1 when absent (the client's keep alive applies)
 * @param responseInformation or {@code null}
 * @param serverReference or {@code null}
 * @param authenticationMethod or {@code null}
 * @param authenticationData or {@code null}
 */
public record ConnackProperties(
    long sessionExpiryInterval,
    int receiveMaximum,
    MqttQos maximumQos,
    boolean retainAvailable,
    long maximumPacketSize,
    String assignedClientIdentifier,
    int topicAliasMaximum,
    String reasonString,
    List<MqttUserProperty> userProperties,
    boolean wildcardSubscriptionAvailable,
    boolean subscriptionIdentifiersAvailable,
    boolean sharedSubscriptionAvailable,
    int serverKeepAlive,
    String responseInformation,
    String serverReference,
    String authenticationMethod,
    byte[] authenticationData) {

  /** All defaults. */
  public static final ConnackProperties DEFAULTS =
      new ConnackProperties(-1, 65_535, MqttQos.EXACTLY_ONCE, true, 0, null, 0, null, List.of(),
          true, true, true, -1, null, null, null, null);

  public ConnackProperties {
    Objects.requireNonNull(maximumQos, "maximumQos");
    userProperties = List.copyOf(userProperties);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnackProperties that
        && sessionExpiryInterval == that.sessionExpiryInterval
        && receiveMaximum == that.receiveMaximum
        && maximumQos == that.maximumQos
        && retainAvailable == that.retainAvailable
        && maximumPacketSize == that.maximumPacketSize
        && Objects.equals(assignedClientIdentifier, that.assignedClientIdentifier)
        && topicAliasMaximum == that.topicAliasMaximum
        && Objects.equals(reasonString, that.reasonString)
        && userProperties.equals(that.userProperties)
        && wildcardSubscriptionAvailable == that.wildcardSubscriptionAvailable
        && subscriptionIdentifiersAvailable == that.subscriptionIdentifiersAvailable
        && sharedSubscriptionAvailable == that.sharedSubscriptionAvailable
        && serverKeepAlive == that.serverKeepAlive
        && Objects.equals(responseInformation, that.responseInformation)
        && Objects.equals(serverReference, that.serverReference)
        && Objects.equals(authenticationMethod, that.authenticationMethod)
        && Arrays.equals(authenticationData, that.authenticationData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sessionExpiryInterval, receiveMaximum, maximumQos, retainAvailable,
            maximumPacketSize, assignedClientIdentifier, topicAliasMaximum, reasonString,
            userProperties, wildcardSubscriptionAvailable, subscriptionIdentifiersAvailable,
            sharedSubscriptionAvailable, serverKeepAlive, responseInformation, serverReference,
            authenticationMethod)
        * 31
        + Arrays.hashCode(authenticationData);
  }

  @Override
  public String toString() {
    return "ConnackProperties[sessionExpiryInterval=" + sessionExpiryInterval
        + ", receiveMaximum=" + receiveMaximum + ", maximumQos=" + maximumQos
        + ", retainAvailable=" + retainAvailable + ", maximumPacketSize=" + maximumPacketSize
        + ", assignedClientIdentifier=" + assignedClientIdentifier
        + ", topicAliasMaximum=" + topicAliasMaximum + ", reasonString=" + reasonString
        + ", userProperties=" + userProperties
        + ", wildcardSubscriptionAvailable=" + wildcardSubscriptionAvailable
        + ", subscriptionIdentifiersAvailable=" + subscriptionIdentifiersAvailable
        + ", sharedSubscriptionAvailable=" + sharedSubscriptionAvailable
        + ", serverKeepAlive=" + serverKeepAlive + ", responseInformation=" + responseInformation
        + ", serverReference=" + serverReference + ", authenticationMethod="
        + authenticationMethod + "]";
  }
}
