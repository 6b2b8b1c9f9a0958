package dev.mqttbridge.mqtt.internal.broker.session;

import dev.mqttbridge.mqtt.MqttMessage;
import java.util.Objects;

/**
 * A will waiting for its Will Delay Interval (or the end of the session, whichever comes first)
 * before it is published (section 3.1.3.2).
 *
 * @param message the will message
 * @param dueAtMillis when to publish it on the broker's clock
 */
public record PendingWill(MqttMessage message, long dueAtMillis) {

  public PendingWill {
    Objects.requireNonNull(message, "message");
  }
}
