package dev.mqttbridge.mqtt;

import java.util.Objects;

/**
 * An MQTT 5 user property: a UTF-8 name and value pair. A packet may carry the same name several
 * times; order is preserved.
 */
public record MqttUserProperty(String name, String value) {

  public MqttUserProperty {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** Shorthand for {@code new MqttUserProperty(name, value)}. */
  public static MqttUserProperty of(String name, String value) {
    return new MqttUserProperty(name, value);
  }
}
