package dev.mqttbridge.mqtt.internal.broker.retained;

import dev.mqttbridge.mqtt.MqttMessage;
import java.util.Objects;

/**
 * A retained message and when it expires.
 *
 * @param message the message as published (retain flag set)
 * @param expiresAtMillis when its Message Expiry Interval ends on the broker's clock, or -1
 */
public record RetainedMessage(MqttMessage message, long expiresAtMillis) {

  public RetainedMessage {
    Objects.requireNonNull(message, "message");
  }

  /** Whether it has expired at this time: it is then no longer delivered [MQTT-3.3.2-5]. */
  public boolean isExpired(long nowMillis) {
    return expiresAtMillis >= 0 && nowMillis >= expiresAtMillis;
  }
}
