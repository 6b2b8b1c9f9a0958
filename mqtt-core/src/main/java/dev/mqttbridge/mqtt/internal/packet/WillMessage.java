package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttMessage;
import java.util.Objects;

/**
 * The will of a CONNECT: the message the server publishes when the connection ends abnormally, and
 * the MQTT 5 will delay interval.
 *
 * @param message the will message (topic, payload, QoS, retain and will properties)
 * @param delayInterval MQTT 5 will delay interval in seconds (0: publish at once)
 */
public record WillMessage(MqttMessage message, long delayInterval) {

  public WillMessage {
    Objects.requireNonNull(message, "message");
    if (delayInterval < 0 || delayInterval > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("Will delay interval out of range: " + delayInterval);
    }
  }
}
