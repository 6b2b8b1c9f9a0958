package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * MQTT 5 properties (section 2.2.2): identifiers, the property length, and reading and writing
 * typed values. Each packet codec walks its properties itself with a {@code switch} over the
 * identifiers it allows, so values land in local variables without an intermediate map.
 *
 * <p>While a codec reads properties, the buffer's writer index is the end of the properties: a
 * value crossing the property length is MALFORMED_PACKET like one crossing the packet's end.
 */
final class PropertyCodec {

  static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
  static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
  static final int CONTENT_TYPE = 0x03;
  static final int RESPONSE_TOPIC = 0x08;
  static final int CORRELATION_DATA = 0x09;
  static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
  static final int SESSION_EXPIRY_INTERVAL = 0x11;
  static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
  static final int SERVER_KEEP_ALIVE = 0x13;
  static final int AUTHENTICATION_METHOD = 0x15;
  static final int AUTHENTICATION_DATA = 0x16;
  static final int REQUEST_PROBLEM_INFORMATION = 0x17;
  static final int WILL_DELAY_INTERVAL = 0x18;
  static final int REQUEST_RESPONSE_INFORMATION = 0x19;
  static final int RESPONSE_INFORMATION = 0x1A;
  static final int SERVER_REFERENCE = 0x1C;
  static final int REASON_STRING = 0x1F;
  static final int RECEIVE_MAXIMUM = 0x21;
  static final int TOPIC_ALIAS_MAXIMUM = 0x22;
  static final int TOPIC_ALIAS = 0x23;
  static final int MAXIMUM_QOS = 0x24;
  static final int RETAIN_AVAILABLE = 0x25;
  static final int USER_PROPERTY = 0x26;
  static final int MAXIMUM_PACKET_SIZE = 0x27;
  static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
  static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
  static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

  /** Sizes of a property with a fixed-size value, identifier byte included. */
  static final int BYTE_PROPERTY_SIZE = 2;

  static final int TWO_BYTE_PROPERTY_SIZE = 3;
  static final int FOUR_BYTE_PROPERTY_SIZE = 5;

  private PropertyCodec() {}

  /** The specification's name of a property, for messages. */
  static String name(int id) {
    switch (id) {
      case PAYLOAD_FORMAT_INDICATOR:
        return "Payload Format Indicator";
      case MESSAGE_EXPIRY_INTERVAL:
        return "Message Expiry Interval";
      case CONTENT_TYPE:
        return "Content Type";
      case RESPONSE_TOPIC:
        return "Response Topic";
      case CORRELATION_DATA:
        return "Correlation Data";
      case SUBSCRIPTION_IDENTIFIER:
        return "Subscription Identifier";
      case SESSION_EXPIRY_INTERVAL:
        return "Session Expiry Interval";
      case ASSIGNED_CLIENT_IDENTIFIER:
        return "Assigned Client Identifier";
      case SERVER_KEEP_ALIVE:
        return "Server Keep Alive";
      case AUTHENTICATION_METHOD:
        return "Authentication Method";
      case AUTHENTICATION_DATA:
        return "Authentication Data";
      case REQUEST_PROBLEM_INFORMATION:
        return "Request Problem Information";
      case WILL_DELAY_INTERVAL:
        return "Will Delay Interval";
      case REQUEST_RESPONSE_INFORMATION:
        return "Request Response Information";
      case RESPONSE_INFORMATION:
        return "Response Information";
      case SERVER_REFERENCE:
        return "Server Reference";
      case REASON_STRING:
        return "Reason String";
      case RECEIVE_MAXIMUM:
        return "Receive Maximum";
      case TOPIC_ALIAS_MAXIMUM:
        return "Topic Alias Maximum";
      case TOPIC_ALIAS:
        return "Topic Alias";
      case MAXIMUM_QOS:
        return "Maximum QoS";
      case RETAIN_AVAILABLE:
        return "Retain Available";
      case USER_PROPERTY:
        return "User Property";
      case MAXIMUM_PACKET_SIZE:
        return "Maximum Packet Size";
      case WILDCARD_SUBSCRIPTION_AVAILABLE:
        return "Wildcard Subscription Available";
      case SUBSCRIPTION_IDENTIFIER_AVAILABLE:
        return "Subscription Identifier Available";
      case SHARED_SUBSCRIPTION_AVAILABLE:
        return "Shared Subscription Available";
      default:
        return String.format("unknown property 0x%02X", id);
    }
  }

  // ---- reading ----

  /**
   * Reads the property length and limits the readable bytes to the properties.
   *
   * @return the writer index to restore with {@link #end} once the properties are read
   * @throws MqttDecodeException MALFORMED_PACKET when the length exceeds the remaining bytes
   */
  static int begin(ByteBuf in, String packet) {
    int length = VariableByteInteger.read(in, packet + " property length");
    if (length > in.readableBytes()) {
      throw MqttDecodeException.malformed(packet + " property length " + length
          + " exceeds the " + in.readableBytes() + " bytes that remain");
    }
    int restore = in.writerIndex();
    in.writerIndex(in.readerIndex() + length);
    return restore;
  }

  /** Ends the properties started by {@link #begin}. */
  static void end(ByteBuf in, int restore) {
    in.writerIndex(restore);
  }

  /**
   * Reads a property identifier. All identifiers of MQTT 5.0 are one byte; a longer Variable Byte
   * Integer can only name an unknown property, which the caller's {@code switch} rejects.
   */
  static int readId(ByteBuf in) {
    return VariableByteInteger.read(in, "Property identifier");
  }

  /**
   * Marks a property that may appear at most once as seen.
   *
   * @return the new set of seen identifiers
   * @throws MqttDecodeException PROTOCOL_ERROR when it was already seen (section 2.2.2.2)
   */
  static long once(long seen, int id, String packet) {
    if (id >= Long.SIZE) {
      return seen; // unknown: the caller's switch rejects it
    }
    long bit = 1L << id;
    if ((seen & bit) != 0) {
      throw MqttDecodeException.protocolError(
          packet + " contains the " + name(id) + " more than once");
    }
    return seen | bit;
  }

  /** A property not defined for this packet: MALFORMED_PACKET (section 2.2.2.2). */
  static MqttDecodeException notAllowed(int id, String packet) {
    return MqttDecodeException.malformed(name(id) + " is not allowed in " + packet);
  }

  static int readByte(ByteBuf in, int id) {
    return WireReader.readUnsignedByte(in, name(id));
  }

  /** A Byte property that must be 0 or 1; anything else is a PROTOCOL_ERROR. */
  static boolean readFlag(ByteBuf in, int id) {
    int value = readByte(in, id);
    if (value > 1) {
      throw MqttDecodeException.protocolError(name(id) + " must be 0 or 1, not " + value);
    }
    return value == 1;
  }

  static int readTwoByte(ByteBuf in, int id) {
    return WireReader.readUnsignedShort(in, name(id));
  }

  /** A Two Byte Integer property that must not be 0 (Receive Maximum, Topic Alias). */
  static int readNonZeroTwoByte(ByteBuf in, int id) {
    int value = readTwoByte(in, id);
    if (value == 0) {
      throw MqttDecodeException.protocolError(name(id) + " must not be 0");
    }
    return value;
  }

  static long readFourByte(ByteBuf in, int id) {
    return WireReader.readUnsignedInt(in, name(id));
  }

  static int readVariableByte(ByteBuf in, int id) {
    return VariableByteInteger.read(in, name(id));
  }

  static String readString(ByteBuf in, int id) {
    return WireReader.readString(in, name(id));
  }

  static byte[] readBinary(ByteBuf in, int id) {
    return WireReader.readBinary(in, name(id));
  }

  /**
   * Reads a User Property and appends it. The first one makes an immutable one-element list,
   * which {@link #userProperties} and the packets take without copying; a second one makes the
   * list growable.
   */
  static List<MqttUserProperty> readUserProperty(ByteBuf in, List<MqttUserProperty> list) {
    String name = WireReader.readString(in, "User Property name");
    String value = WireReader.readString(in, "User Property value");
    MqttUserProperty property = new MqttUserProperty(name, value);
    if (list == null) {
      return List.of(property);
    }
    List<MqttUserProperty> result = list instanceof ArrayList ? list : new ArrayList<>(list);
    result.add(property);
    return result;
  }

  /** The user properties read, immutable; {@code List.of()} when there were none. */
  static List<MqttUserProperty> userProperties(List<MqttUserProperty> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * Reads the properties of an acknowledgement (PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK,
   * UNSUBACK): a Reason String and User Properties.
   */
  static ReasonProperties readReasonProperties(ByteBuf in, String packet) {
    int restore = begin(in, packet);
    String reasonString = null;
    List<MqttUserProperty> userProperties = null;
    long seen = 0;
    while (in.isReadable()) {
      int id = readId(in);
      switch (id) {
        case REASON_STRING:
          seen = once(seen, id, packet);
          reasonString = readString(in, id);
          break;
        case USER_PROPERTY:
          userProperties = readUserProperty(in, userProperties);
          break;
        default:
          throw notAllowed(id, packet);
      }
    }
    end(in, restore);
    return reasonString == null && userProperties == null
        ? ReasonProperties.NONE
        : new ReasonProperties(reasonString, userProperties(userProperties));
  }

  // ---- sizing and writing ----

  /** Bytes that a property section takes on the wire: its length prefix and the properties. */
  static int sectionSize(int propertiesLength) {
    return VariableByteInteger.size(propertiesLength) + propertiesLength;
  }

  static int stringSize(String value, int id) {
    return value == null ? 0 : 1 + WireWriter.stringSize(value, name(id));
  }

  static int binarySize(byte[] value, int id) {
    return value == null ? 0 : 1 + WireWriter.binarySize(value, name(id));
  }

  static int variableByteSize(int value) {
    return 1 + VariableByteInteger.size(value);
  }

  static int userPropertiesSize(List<MqttUserProperty> properties) {
    int size = 0;
    for (int i = 0; i < properties.size(); i++) {
      MqttUserProperty property = properties.get(i);
      size += 1 + WireWriter.stringSize(property.name(), "User Property name")
          + WireWriter.stringSize(property.value(), "User Property value");
    }
    return size;
  }

  /** The size of a Reason String (when not null) and user properties. */
  static int reasonSize(String reasonString, List<MqttUserProperty> userProperties) {
    return stringSize(reasonString, REASON_STRING) + userPropertiesSize(userProperties);
  }

  static void writeByte(ByteBuf out, int id, int value) {
    out.writeByte(id);
    out.writeByte(value);
  }

  static void writeTwoByte(ByteBuf out, int id, int value) {
    out.writeByte(id);
    out.writeShort(value);
  }

  static void writeFourByte(ByteBuf out, int id, long value) {
    out.writeByte(id);
    out.writeInt((int) value);
  }

  static void writeVariableByte(ByteBuf out, int id, int value) {
    out.writeByte(id);
    VariableByteInteger.write(out, value);
  }

  /** Writes a string property unless the value is null. */
  static void writeString(ByteBuf out, int id, String value) {
    if (value != null) {
      out.writeByte(id);
      WireWriter.writeString(out, value);
    }
  }

  /** Writes a binary property unless the value is null. */
  static void writeBinary(ByteBuf out, int id, byte[] value) {
    if (value != null) {
      out.writeByte(id);
      WireWriter.writeBinary(out, value);
    }
  }

  static void writeUserProperties(ByteBuf out, List<MqttUserProperty> properties) {
    for (int i = 0; i < properties.size(); i++) {
      MqttUserProperty property = properties.get(i);
      out.writeByte(USER_PROPERTY);
      WireWriter.writeString(out, property.name());
      WireWriter.writeString(out, property.value());
    }
  }

  /** Writes a Reason String (when not null) and user properties. */
  static void writeReason(
      ByteBuf out, String reasonString, List<MqttUserProperty> userProperties) {
    writeString(out, REASON_STRING, reasonString);
    writeUserProperties(out, userProperties);
  }

  /**
   * Checks a value for a Two Byte Integer property before encoding.
   *
   * @throws IllegalArgumentException when it does not fit
   */
  static int requireTwoByte(int value, int id) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(name(id) + " out of range 0..65535: " + value);
    }
    return value;
  }

  /**
   * Checks a value for a Two Byte Integer property that must not be 0 (Receive Maximum).
   *
   * @throws IllegalArgumentException when it is 0 or does not fit
   */
  static int requireNonZeroTwoByte(int value, int id) {
    if (value < 1 || value > 0xFFFF) {
      throw new IllegalArgumentException(name(id) + " out of range 1..65535: " + value);
    }
    return value;
  }

  /**
   * Checks a value for a Four Byte Integer property before encoding.
   *
   * @throws IllegalArgumentException when it does not fit
   */
  static long requireFourByte(long value, int id) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(name(id) + " out of range 0..4294967295: " + value);
    }
    return value;
  }
}
