package dev.mqttbridge.mqtt;

/**
 * MQTT 5 reason codes (OASIS MQTT 5.0, section 2.4). MQTT 3.1.1 return codes are mapped onto these
 * by the codec, so one enum serves every version. The value 0x00 means Success, Normal
 * disconnection or Granted QoS 0 depending on the packet; it is {@link #SUCCESS} here.
 */
public enum MqttReasonCode {
  SUCCESS(0x00),
  GRANTED_QOS_1(0x01),
  GRANTED_QOS_2(0x02),
  DISCONNECT_WITH_WILL_MESSAGE(0x04),
  NO_MATCHING_SUBSCRIBERS(0x10),
  NO_SUBSCRIPTION_EXISTED(0x11),
  CONTINUE_AUTHENTICATION(0x18),
  REAUTHENTICATE(0x19),
  UNSPECIFIED_ERROR(0x80),
  MALFORMED_PACKET(0x81),
  PROTOCOL_ERROR(0x82),
  IMPLEMENTATION_SPECIFIC_ERROR(0x83),
  UNSUPPORTED_PROTOCOL_VERSION(0x84),
  CLIENT_IDENTIFIER_NOT_VALID(0x85),
  BAD_USER_NAME_OR_PASSWORD(0x86),
  NOT_AUTHORIZED(0x87),
  SERVER_UNAVAILABLE(0x88),
  SERVER_BUSY(0x89),
  BANNED(0x8A),
  SERVER_SHUTTING_DOWN(0x8B),
  BAD_AUTHENTICATION_METHOD(0x8C),
  KEEP_ALIVE_TIMEOUT(0x8D),
  SESSION_TAKEN_OVER(0x8E),
  TOPIC_FILTER_INVALID(0x8F),
  TOPIC_NAME_INVALID(0x90),
  PACKET_IDENTIFIER_IN_USE(0x91),
  PACKET_IDENTIFIER_NOT_FOUND(0x92),
  RECEIVE_MAXIMUM_EXCEEDED(0x93),
  TOPIC_ALIAS_INVALID(0x94),
  PACKET_TOO_LARGE(0x95),
  MESSAGE_RATE_TOO_HIGH(0x96),
  QUOTA_EXCEEDED(0x97),
  ADMINISTRATIVE_ACTION(0x98),
  PAYLOAD_FORMAT_INVALID(0x99),
  RETAIN_NOT_SUPPORTED(0x9A),
  QOS_NOT_SUPPORTED(0x9B),
  USE_ANOTHER_SERVER(0x9C),
  SERVER_MOVED(0x9D),
  SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E),
  CONNECTION_RATE_EXCEEDED(0x9F),
  MAXIMUM_CONNECT_TIME(0xA0),
  SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1),
  WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2);

  private static final MqttReasonCode[] BY_VALUE = new MqttReasonCode[256];

  static {
    for (MqttReasonCode code : values()) {
      BY_VALUE[code.value] = code;
    }
  }

  private final int value;

  MqttReasonCode(int value) {
    this.value = value;
  }

  /** The byte written on the wire. */
  public int value() {
    return value;
  }

  /** Whether this code reports a failure (0x80 and above). */
  public boolean isError() {
    return value >= 0x80;
  }

  /** The code with this wire value, or {@code null} when MQTT 5 defines none. */
  public static MqttReasonCode fromValue(int value) {
    return value < 0 || value > 255 ? null : BY_VALUE[value];
  }

  /** The granted-QoS code of a SUBACK for this QoS. */
  public static MqttReasonCode grantedQos(MqttQos qos) {
    switch (qos) {
      case AT_MOST_ONCE:
        return SUCCESS;
      case AT_LEAST_ONCE:
        return GRANTED_QOS_1;
      default:
        return GRANTED_QOS_2;
    }
  }

  @Override
  public String toString() {
    return name() + String.format("(0x%02X)", value);
  }
}
