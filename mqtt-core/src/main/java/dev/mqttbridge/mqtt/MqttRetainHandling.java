package dev.mqttbridge.mqtt;

/** MQTT 5 retain handling subscription option: when retained messages are sent on subscribe. */
public enum MqttRetainHandling {
  /** 0: send retained messages at the time of the subscribe. */
  SEND,
  /** 1: send retained messages only if the subscription did not exist before. */
  SEND_IF_NEW_SUBSCRIPTION,
  /** 2: never send retained messages at subscribe. */
  DO_NOT_SEND;

  /** The wire value, 0 to 2. */
  public int code() {
    return ordinal();
  }

  /**
   * The option of this wire value.
   *
   * @throws IllegalArgumentException for anything but 0, 1 or 2
   */
  public static MqttRetainHandling of(int code) {
    if (code < 0 || code > 2) {
      throw new IllegalArgumentException("Invalid retain handling " + code + ": expected 0, 1 or 2");
    }
    return values()[code];
  }
}
