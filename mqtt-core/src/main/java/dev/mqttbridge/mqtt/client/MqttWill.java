package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttMessage;
import java.util.Objects;

/**
 * The will message the server publishes when the connection ends without a normal DISCONNECT.
 *
 * @param message topic, payload, QoS, retain and (MQTT 5) properties of the will
 * @param delayInterval MQTT 5 will delay in seconds (0: publish at once)
 */
public record MqttWill(MqttMessage message, long delayInterval) {

  public MqttWill {
    Objects.requireNonNull(message, "message");
    if (delayInterval < 0 || delayInterval > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("Will delay out of range 0..4294967295: " + delayInterval);
    }
  }

  /** A will without delay. */
  public static MqttWill of(MqttMessage message) {
    return new MqttWill(message, 0);
  }
}
