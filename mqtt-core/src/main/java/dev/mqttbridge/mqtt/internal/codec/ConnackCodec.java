package dev.mqttbridge.mqtt.internal.codec;

import static dev.mqttbridge.mqtt.internal.codec.PropertyCodec.*;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** CONNACK (3.1.1 section 3.2, 5.0 section 3.2). */
final class ConnackCodec {

  private static final String PACKET = "CONNACK";

  private ConnackCodec() {}

  static ConnackPacket decode(ByteBuf in, MqttVersion version) {
    int flags = WireReader.readUnsignedByte(in, "Connect Acknowledge Flags");
    int code = WireReader.readUnsignedByte(in, "Connect Reason Code");
    boolean sessionPresent = false;
    if (version != MqttVersion.V3_1) { // in 3.1 the first byte is unused
      if ((flags & 0xFE) != 0) {
        throw MqttDecodeException.malformed(String.format(
            "CONNACK flags 0x%02X: bits 7-1 are reserved and must be 0 [MQTT-3.2.2-1]", flags));
      }
      sessionPresent = (flags & 0x01) != 0;
    }
    MqttReasonCode reasonCode;
    ConnackProperties properties = ConnackProperties.DEFAULTS;
    if (!version.isMqtt5()) {
      reasonCode = ReasonCodes.fromConnackReturnCode(code);
    } else if (!in.isReadable() && code > 0 && code < 6) {
      // A server that does not speak MQTT 5 refuses in its own format: 3.1.1 return code 1 is
      // "unacceptable protocol version" (MQTT 5.0 section 3.1.4).
      reasonCode = ReasonCodes.fromConnackReturnCode(code);
    } else {
      reasonCode = ReasonCodes.require(code, ReasonCodes.CONNACK, PACKET);
      properties = decodeProperties(in);
    }
    if (sessionPresent && reasonCode.isError()) {
      throw MqttDecodeException.protocolError(
          "A refusing CONNACK must have Session Present 0 [MQTT-3.2.2-4] [MQTT-3.2.2-6]");
    }
    return new ConnackPacket(sessionPresent, reasonCode, properties);
  }

  private static ConnackProperties decodeProperties(ByteBuf in) {
    long sessionExpiryInterval = -1;
    int receiveMaximum = 65_535;
    MqttQos maximumQos = MqttQos.EXACTLY_ONCE;
    boolean retainAvailable = true;
    long maximumPacketSize = 0;
    String assignedClientIdentifier = null;
    int topicAliasMaximum = 0;
    String reasonString = null;
    List<MqttUserProperty> userProperties = null;
    boolean wildcardSubscriptionAvailable = true;
    boolean subscriptionIdentifiersAvailable = true;
    boolean sharedSubscriptionAvailable = true;
    int serverKeepAlive = -1;
    String responseInformation = null;
    String serverReference = null;
    String authenticationMethod = null;
    byte[] authenticationData = null;

    int restore = begin(in, PACKET);
    long seen = 0;
    while (in.isReadable()) {
      int id = readId(in);
      if (id != USER_PROPERTY) {
        seen = once(seen, id, PACKET);
      }
      switch (id) {
        case SESSION_EXPIRY_INTERVAL:
          sessionExpiryInterval = readFourByte(in, id);
          break;
        case RECEIVE_MAXIMUM:
          receiveMaximum = readNonZeroTwoByte(in, id);
          break;
        case MAXIMUM_QOS:
          maximumQos = readFlag(in, id) ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE;
          break;
        case RETAIN_AVAILABLE:
          retainAvailable = readFlag(in, id);
          break;
        case MAXIMUM_PACKET_SIZE:
          maximumPacketSize = readMaximumPacketSize(in);
          break;
        case ASSIGNED_CLIENT_IDENTIFIER:
          assignedClientIdentifier = readString(in, id);
          break;
        case TOPIC_ALIAS_MAXIMUM:
          topicAliasMaximum = readTwoByte(in, id);
          break;
        case REASON_STRING:
          reasonString = readString(in, id);
          break;
        case USER_PROPERTY:
          userProperties = readUserProperty(in, userProperties);
          break;
        case WILDCARD_SUBSCRIPTION_AVAILABLE:
          wildcardSubscriptionAvailable = readFlag(in, id);
          break;
        case SUBSCRIPTION_IDENTIFIER_AVAILABLE:
          subscriptionIdentifiersAvailable = readFlag(in, id);
          break;
        case SHARED_SUBSCRIPTION_AVAILABLE:
          sharedSubscriptionAvailable = readFlag(in, id);
          break;
        case SERVER_KEEP_ALIVE:
          serverKeepAlive = readTwoByte(in, id);
          break;
        case RESPONSE_INFORMATION:
          responseInformation = readString(in, id);
          break;
        case SERVER_REFERENCE:
          serverReference = readString(in, id);
          break;
        case AUTHENTICATION_METHOD:
          authenticationMethod = readString(in, id);
          break;
        case AUTHENTICATION_DATA:
          authenticationData = readBinary(in, id);
          break;
        default:
          throw notAllowed(id, PACKET);
      }
    }
    end(in, restore);
    if (seen == 0 && userProperties == null) {
      return ConnackProperties.DEFAULTS;
    }
    return new ConnackProperties(sessionExpiryInterval, receiveMaximum, maximumQos,
        retainAvailable, maximumPacketSize, assignedClientIdentifier, topicAliasMaximum,
        reasonString, PropertyCodec.userProperties(userProperties), wildcardSubscriptionAvailable,
        subscriptionIdentifiersAvailable, sharedSubscriptionAvailable, serverKeepAlive,
        responseInformation, serverReference, authenticationMethod, authenticationData);
  }

  /** Maximum Packet Size: 0 is a PROTOCOL_ERROR (sections 3.1.2.11.4 and 3.2.2.3.6). */
  static long readMaximumPacketSize(ByteBuf in) {
    long value = readFourByte(in, MAXIMUM_PACKET_SIZE);
    if (value == 0) {
      throw MqttDecodeException.protocolError("Maximum Packet Size must not be 0");
    }
    return value;
  }

  /** The remaining length in the low 32 bits, the property length in the high 32 bits. */
  static long measure(ConnackPacket packet, MqttVersion version) {
    if (!version.isMqtt5()) {
      return 2;
    }
    ReasonCodes.requireAllowed(packet.reasonCode(), ReasonCodes.CONNACK, PACKET);
    int propertiesLength = propertiesLength(packet.properties());
    return ((long) propertiesLength << 32) | (2 + sectionSize(propertiesLength));
  }

  private static int propertiesLength(ConnackProperties p) {
    int length = 0;
    if (p.sessionExpiryInterval() >= 0) {
      requireFourByte(p.sessionExpiryInterval(), SESSION_EXPIRY_INTERVAL);
      length += FOUR_BYTE_PROPERTY_SIZE;
    }
    if (p.receiveMaximum() != 65_535) {
      requireNonZeroTwoByte(p.receiveMaximum(), RECEIVE_MAXIMUM);
      length += TWO_BYTE_PROPERTY_SIZE;
    }
    if (p.maximumQos() != MqttQos.EXACTLY_ONCE) {
      length += BYTE_PROPERTY_SIZE;
    }
    if (!p.retainAvailable()) {
      length += BYTE_PROPERTY_SIZE;
    }
    if (p.maximumPacketSize() > 0) {
      requireFourByte(p.maximumPacketSize(), MAXIMUM_PACKET_SIZE);
      length += FOUR_BYTE_PROPERTY_SIZE;
    }
    length += stringSize(p.assignedClientIdentifier(), ASSIGNED_CLIENT_IDENTIFIER);
    if (p.topicAliasMaximum() > 0) {
      requireTwoByte(p.topicAliasMaximum(), TOPIC_ALIAS_MAXIMUM);
      length += TWO_BYTE_PROPERTY_SIZE;
    }
    length += reasonSize(p.reasonString(), p.userProperties());
    if (!p.wildcardSubscriptionAvailable()) {
      length += BYTE_PROPERTY_SIZE;
    }
    if (!p.subscriptionIdentifiersAvailable()) {
      length += BYTE_PROPERTY_SIZE;
    }
    if (!p.sharedSubscriptionAvailable()) {
      length += BYTE_PROPERTY_SIZE;
    }
    if (p.serverKeepAlive() >= 0) {
      requireTwoByte(p.serverKeepAlive(), SERVER_KEEP_ALIVE);
      length += TWO_BYTE_PROPERTY_SIZE;
    }
    length += stringSize(p.responseInformation(), RESPONSE_INFORMATION);
    length += stringSize(p.serverReference(), SERVER_REFERENCE);
    length += stringSize(p.authenticationMethod(), AUTHENTICATION_METHOD);
    length += binarySize(p.authenticationData(), AUTHENTICATION_DATA);
    return length;
  }

  static void write(ConnackPacket packet, MqttVersion version, long measured, ByteBuf out) {
    out.writeByte(packet.sessionPresent() && version != MqttVersion.V3_1 ? 0x01 : 0x00);
    if (!version.isMqtt5()) {
      out.writeByte(ReasonCodes.toConnackReturnCode(packet.reasonCode()));
      return;
    }
    out.writeByte(packet.reasonCode().value());
    VariableByteInteger.write(out, (int) (measured >>> 32));
    ConnackProperties p = packet.properties();
    if (p.sessionExpiryInterval() >= 0) {
      writeFourByte(out, SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
    }
    if (p.receiveMaximum() != 65_535) {
      writeTwoByte(out, RECEIVE_MAXIMUM, p.receiveMaximum());
    }
    if (p.maximumQos() != MqttQos.EXACTLY_ONCE) {
      writeByte(out, MAXIMUM_QOS, p.maximumQos().code());
    }
    if (!p.retainAvailable()) {
      writeByte(out, RETAIN_AVAILABLE, 0);
    }
    if (p.maximumPacketSize() > 0) {
      writeFourByte(out, MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
    }
    writeString(out, ASSIGNED_CLIENT_IDENTIFIER, p.assignedClientIdentifier());
    if (p.topicAliasMaximum() > 0) {
      writeTwoByte(out, TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
    }
    writeReason(out, p.reasonString(), p.userProperties());
    if (!p.wildcardSubscriptionAvailable()) {
      writeByte(out, WILDCARD_SUBSCRIPTION_AVAILABLE, 0);
    }
    if (!p.subscriptionIdentifiersAvailable()) {
      writeByte(out, SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0);
    }
    if (!p.sharedSubscriptionAvailable()) {
      writeByte(out, SHARED_SUBSCRIPTION_AVAILABLE, 0);
    }
    if (p.serverKeepAlive() >= 0) {
      writeTwoByte(out, SERVER_KEEP_ALIVE, p.serverKeepAlive());
    }
    writeString(out, RESPONSE_INFORMATION, p.responseInformation());
    writeString(out, SERVER_REFERENCE, p.serverReference());
    writeString(out, AUTHENTICATION_METHOD, p.authenticationMethod());
    writeBinary(out, AUTHENTICATION_DATA, p.authenticationData());
  }
}
