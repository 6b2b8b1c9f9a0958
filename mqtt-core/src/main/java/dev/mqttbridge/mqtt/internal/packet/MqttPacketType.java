package dev.mqttbridge.mqtt.internal.packet;

/** MQTT control packet types, by the value in the fixed header's high nibble. */
public enum MqttPacketType {
  CONNECT(1),
  CONNACK(2),
  PUBLISH(3),
  PUBACK(4),
  PUBREC(5),
  PUBREL(6),
  PUBCOMP(7),
  SUBSCRIBE(8),
  SUBACK(9),
  UNSUBSCRIBE(10),
  UNSUBACK(11),
  PINGREQ(12),
  PINGRESP(13),
  DISCONNECT(14),
  /** MQTT 5 only. */
  AUTH(15);

  private static final MqttPacketType[] BY_VALUE = new MqttPacketType[16];

  static {
    for (MqttPacketType type : values()) {
      BY_VALUE[type.value] = type;
    }
  }

  private final int value;

  MqttPacketType(int value) {
    this.value = value;
  }

  /** The packet type value, 1 to 15. */
  public int value() {
    return value;
  }

  /** The type of this value, or {@code null} for 0 (reserved) or out of range. */
  public static MqttPacketType fromValue(int value) {
    return value < 0 || value > 15 ? null : BY_VALUE[value];
  }
}
