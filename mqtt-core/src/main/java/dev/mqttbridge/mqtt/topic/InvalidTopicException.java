package dev.mqttbridge.mqtt.topic;

/**
 * Thrown when a string is not a valid MQTT topic name or topic filter. The message names the kind
 * of topic, quotes the offending text (control characters and unpaired surrogates escaped, very
 * long texts shortened) and says what is wrong and where, for example {@code Invalid topic filter
 * 'a/#/b': '#' must be the last level}.
 */
public final class InvalidTopicException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a complete message.
   *
   * @param message what is wrong and where
   */
  public InvalidTopicException(String message) {
    super(message);
  }
}
