package dev.mqttbridge.mqtt;

/**
 * An MQTT protocol version. Spelled {@code 5}, {@code 3.1.1} and {@code 3.1} everywhere: in the API,
 * the CLI, connector and Camel options.
 */
public enum MqttVersion {
  /** MQTT 3.1 (protocol name {@code MQIsdp}, level 3). */
  V3_1("3.1", "MQIsdp", 3),
  /** MQTT 3.1.1, OASIS Standard (protocol name {@code MQTT}, level 4). */
  V3_1_1("3.1.1", "MQTT", 4),
  /** MQTT 5.0, OASIS Standard (protocol name {@code MQTT}, level 5). */
  V5("5", "MQTT", 5);

  private final String spelling;
  private final String protocolName;
  private final int protocolLevel;

  MqttVersion(String spelling, String protocolName, int protocolLevel) {
    this.spelling = spelling;
    this.protocolName = protocolName;
    this.protocolLevel = protocolLevel;
  }

  /** The protocol name written in CONNECT. */
  public String protocolName() {
    return protocolName;
  }

  /** The protocol level byte written in CONNECT. */
  public int protocolLevel() {
    return protocolLevel;
  }

  /** Whether this version has MQTT 5 features: properties, reason codes, AUTH. */
  public boolean isMqtt5() {
    return this == V5;
  }

  /**
   * Parses the project's spelling: {@code 5}, {@code 3.1.1} or {@code 3.1} (also {@code 5.0},
   * {@code 311} and {@code 31}, as mosquitto_pub's {@code -V} spells them).
   *
   * @throws IllegalArgumentException naming the accepted spellings
   */
  public static MqttVersion fromString(String text) {
    switch (text == null ? "" : text.trim()) {
      case "5":
      case "5.0":
      case "mqttv5":
        return V5;
      case "3.1.1":
      case "311":
      case "mqttv311":
        return V3_1_1;
      case "3.1":
      case "31":
      case "mqttv31":
        return V3_1;
      default:
        throw new IllegalArgumentException(
            "Unknown MQTT version '" + text + "': expected one of 5, 3.1.1, 3.1");
    }
  }

  /**
   * The version with this protocol name and level, as a CONNECT packet states them, or {@code null}
   * when the pair is not one we speak.
   */
  public static MqttVersion fromProtocol(String protocolName, int protocolLevel) {
    for (MqttVersion version : values()) {
      if (version.protocolLevel == protocolLevel && version.protocolName.equals(protocolName)) {
        return version;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return spelling;
  }
}
