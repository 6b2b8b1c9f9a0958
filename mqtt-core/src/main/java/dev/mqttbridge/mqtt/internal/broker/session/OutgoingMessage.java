package dev.mqttbridge.mqtt.internal.broker.session;

import dev.mqttbridge.mqtt.MqttMessage;
import java.util.List;
import java.util.Objects;

/**
 * A message on its way to one session: the application message with the QoS and retain flag this
 * subscriber gets, and what the broker needs to deliver it. Immutable.
 *
 * @param message the message as the subscriber receives it (QoS already reduced to the granted
 *     one, retain flag already decided)
 * @param subscriptionIdentifiers the identifiers of every matching subscription (MQTT 5)
 * @param expiresAtMillis when it expires on the broker's clock, or -1 if it never does
 * @param shareKey the shared subscription it was routed through ({@code $share/group/filter}), or
 *     {@code null}: such messages go to another member if this session ends first
 */
public record OutgoingMessage(
    MqttMessage message, List<Integer> subscriptionIdentifiers, long expiresAtMillis,
    String shareKey) {

  public OutgoingMessage {
    Objects.requireNonNull(message, "message");
    subscriptionIdentifiers = List.copyOf(subscriptionIdentifiers);
  }

  /** Whether the message expiry interval has passed at this time. */
  public boolean isExpired(long nowMillis) {
    return expiresAtMillis >= 0 && nowMillis >= expiresAtMillis;
  }

  /**
   * The message as sent now: its expiry interval reduced by the time it waited in the broker
   * [MQTT-3.3.2-6].
   */
  public MqttMessage messageAt(long nowMillis) {
    if (expiresAtMillis < 0) {
      return message;
    }
    long remainingSeconds = Math.max(1, (expiresAtMillis - nowMillis + 999) / 1000);
    return message.toBuilder().messageExpiryInterval(remainingSeconds).build();
  }
}
