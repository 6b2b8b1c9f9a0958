package dev.mqttbridge.mqtt.internal.codec;

import static dev.mqttbridge.mqtt.MqttReasonCode.*;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which reason codes each MQTT 5 packet may carry (the tables of sections 3.2.2.2, 3.4.2.1,
 * 3.5.2.1, 3.6.2.1, 3.7.2.1, 3.9.3, 3.11.3, 3.14.2.1 and 3.15.2.1), and the MQTT 3.1.1 return codes
 * of CONNACK and SUBACK.
 */
final class ReasonCodes {

  static final Set<MqttReasonCode> CONNACK =
      immutable(EnumSet.of(SUCCESS, UNSPECIFIED_ERROR, MALFORMED_PACKET, PROTOCOL_ERROR,
          IMPLEMENTATION_SPECIFIC_ERROR, UNSUPPORTED_PROTOCOL_VERSION, CLIENT_IDENTIFIER_NOT_VALID,
          BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED, SERVER_UNAVAILABLE, SERVER_BUSY, BANNED,
          BAD_AUTHENTICATION_METHOD, TOPIC_NAME_INVALID, PACKET_TOO_LARGE, QUOTA_EXCEEDED,
          PAYLOAD_FORMAT_INVALID, RETAIN_NOT_SUPPORTED, QOS_NOT_SUPPORTED, USE_ANOTHER_SERVER,
          SERVER_MOVED, CONNECTION_RATE_EXCEEDED));

  /** PUBACK and PUBREC. */
  static final Set<MqttReasonCode> PUBACK =
      immutable(EnumSet.of(SUCCESS, NO_MATCHING_SUBSCRIBERS, UNSPECIFIED_ERROR,
          IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_NAME_INVALID,
          PACKET_IDENTIFIER_IN_USE, QUOTA_EXCEEDED, PAYLOAD_FORMAT_INVALID));

  /** PUBREL and PUBCOMP. */
  static final Set<MqttReasonCode> PUBREL =
      immutable(EnumSet.of(SUCCESS, PACKET_IDENTIFIER_NOT_FOUND));

  static final Set<MqttReasonCode> SUBACK =
      immutable(EnumSet.of(SUCCESS, GRANTED_QOS_1, GRANTED_QOS_2, UNSPECIFIED_ERROR,
          IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_FILTER_INVALID,
          PACKET_IDENTIFIER_IN_USE, QUOTA_EXCEEDED, SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
          SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED));

  static final Set<MqttReasonCode> UNSUBACK =
      immutable(EnumSet.of(SUCCESS, NO_SUBSCRIPTION_EXISTED, UNSPECIFIED_ERROR,
          IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_FILTER_INVALID,
          PACKET_IDENTIFIER_IN_USE));

  static final Set<MqttReasonCode> DISCONNECT =
      immutable(EnumSet.of(SUCCESS, DISCONNECT_WITH_WILL_MESSAGE, UNSPECIFIED_ERROR,
          MALFORMED_PACKET, PROTOCOL_ERROR, IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED,
          SERVER_BUSY, SERVER_SHUTTING_DOWN, KEEP_ALIVE_TIMEOUT, SESSION_TAKEN_OVER,
          TOPIC_FILTER_INVALID, TOPIC_NAME_INVALID, RECEIVE_MAXIMUM_EXCEEDED, TOPIC_ALIAS_INVALID,
          PACKET_TOO_LARGE, MESSAGE_RATE_TOO_HIGH, QUOTA_EXCEEDED, ADMINISTRATIVE_ACTION,
          PAYLOAD_FORMAT_INVALID, RETAIN_NOT_SUPPORTED, QOS_NOT_SUPPORTED, USE_ANOTHER_SERVER,
          SERVER_MOVED, SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, CONNECTION_RATE_EXCEEDED,
          MAXIMUM_CONNECT_TIME, SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
          WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED));

  static final Set<MqttReasonCode> AUTH =
      immutable(EnumSet.of(SUCCESS, CONTINUE_AUTHENTICATION, REAUTHENTICATE));

  /** MQTT 3.1.1 CONNACK return codes 0 to 5, by value (section 3.2.2.3). */
  private static final MqttReasonCode[] CONNACK_RETURN_CODES = {
    SUCCESS,
    UNSUPPORTED_PROTOCOL_VERSION,
    CLIENT_IDENTIFIER_NOT_VALID,
    SERVER_UNAVAILABLE,
    BAD_USER_NAME_OR_PASSWORD,
    NOT_AUTHORIZED
  };

  private ReasonCodes() {}

  private static Set<MqttReasonCode> immutable(EnumSet<MqttReasonCode> codes) {
    return Collections.unmodifiableSet(codes);
  }

  /**
   * Reads a reason code byte of an MQTT 5 packet.
   *
   * @throws MqttDecodeException MALFORMED_PACKET when the value is not one the packet may carry
   */
  static MqttReasonCode require(int value, Set<MqttReasonCode> allowed, String packet) {
    MqttReasonCode code = MqttReasonCode.fromValue(value);
    if (code == null || !allowed.contains(code)) {
      throw MqttDecodeException.malformed(
          String.format("Reason code 0x%02X is not allowed in %s", value, packet));
    }
    return code;
  }

  /**
   * Checks a reason code before encoding it.
   *
   * @throws IllegalArgumentException when the packet may not carry it
   */
  static void requireAllowed(MqttReasonCode code, Set<MqttReasonCode> allowed, String packet) {
    if (!allowed.contains(code)) {
      throw new IllegalArgumentException("Reason code " + code + " is not allowed in " + packet);
    }
  }

  /**
   * The reason code of an MQTT 3.1.1 / 3.1 CONNACK return code.
   *
   * @throws MqttDecodeException MALFORMED_PACKET for the reserved values 6 to 255
   */
  static MqttReasonCode fromConnackReturnCode(int value) {
    if (value >= CONNACK_RETURN_CODES.length) {
      throw MqttDecodeException.malformed(
          "CONNACK return code " + value + " is reserved (section 3.2.2.3)");
    }
    return CONNACK_RETURN_CODES[value];
  }

  /**
   * The MQTT 3.1.1 CONNACK return code for a reason code: the five 3.1.1 codes map to themselves;
   * other MQTT 5 failures to the nearest one (bad authentication method to 4, banned to 5, any
   * other to 3, server unavailable).
   */
  static int toConnackReturnCode(MqttReasonCode code) {
    switch (code) {
      case SUCCESS:
        return 0;
      case UNSUPPORTED_PROTOCOL_VERSION:
        return 1;
      case CLIENT_IDENTIFIER_NOT_VALID:
        return 2;
      case BAD_USER_NAME_OR_PASSWORD:
      case BAD_AUTHENTICATION_METHOD:
        return 4;
      case NOT_AUTHORIZED:
      case BANNED:
        return 5;
      default:
        return 3;
    }
  }

  /**
   * The reason code of an MQTT 3.1.1 SUBACK return code (section 3.9.3).
   *
   * @throws MqttDecodeException MALFORMED_PACKET for any value but 0x00, 0x01, 0x02 and 0x80
   *     [MQTT-3.9.3-2]
   */
  static MqttReasonCode fromSubackReturnCode(int value) {
    switch (value) {
      case 0x00:
        return SUCCESS;
      case 0x01:
        return GRANTED_QOS_1;
      case 0x02:
        return GRANTED_QOS_2;
      case 0x80:
        return UNSPECIFIED_ERROR;
      default:
        throw MqttDecodeException.malformed(
            String.format("SUBACK return code 0x%02X is reserved [MQTT-3.9.3-2]", value));
    }
  }

  /** The MQTT 3.1.1 SUBACK return code: the granted QoS, or 0x80 for any failure. */
  static int toSubackReturnCode(MqttReasonCode code) {
    return code.isError() ? 0x80 : code.value();
  }
}
