package dev.mqttbridge.mqtt;

/** MQTT quality of service levels. */
public enum MqttQos {
  /** QoS 0: fire and forget. */
  AT_MOST_ONCE,
  /** QoS 1: acknowledged by PUBACK; may be delivered more than once. */
  AT_LEAST_ONCE,
  /** QoS 2: four-part handshake; delivered exactly once. */
  EXACTLY_ONCE;

  private static final MqttQos[] BY_CODE = values();

  /** The QoS number, 0 to 2. */
  public int code() {
    return ordinal();
  }

  /**
   * The QoS of this number.
   *
   * @throws IllegalArgumentException for anything but 0, 1 or 2
   */
  public static MqttQos of(int code) {
    if (code < 0 || code > 2) {
      throw new IllegalArgumentException("Invalid QoS " + code + ": expected 0, 1 or 2");
    }
    return BY_CODE[code];
  }

  /** The lower of two QoS levels (what a subscription grants a publish). */
  public static MqttQos min(MqttQos a, MqttQos b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }
}
