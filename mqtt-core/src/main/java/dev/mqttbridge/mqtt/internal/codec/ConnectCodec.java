package dev.mqttbridge.mqtt.internal.codec;

import static dev.mqttbridge.mqtt.internal.codec.PropertyCodec.*;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.WillMessage;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * CONNECT (3.1.1 section 3.1, 5.0 section 3.1; MQTT 3.1 has the same layout with protocol name
 * {@code MQIsdp} and level 3). Decoded in two steps so that the decoder knows the version as soon
 * as the protocol name and level are read, even when the rest of the packet is broken.
 */
final class ConnectCodec {

  private static final String PACKET = "CONNECT";
  private static final String WILL = "CONNECT will";

  private static final int RESERVED = 0x01;
  private static final int CLEAN_START = 0x02;
  private static final int WILL_FLAG = 0x04;
  private static final int WILL_RETAIN = 0x20;
  private static final int PASSWORD_FLAG = 0x40;
  private static final int USER_NAME_FLAG = 0x80;

  private ConnectCodec() {}

  /**
   * Reads the protocol name and level.
   *
   * @throws MqttDecodeException UNSUPPORTED_PROTOCOL_VERSION for a name and level we do not speak
   *     ([MQTT-3.1.2-1] [MQTT-3.1.2-2]: the server answers CONNACK 0x84, or 3.1.1 return code 1)
   */
  static MqttVersion decodeProtocol(ByteBuf in) {
    String name = WireReader.readString(in, "Protocol name");
    int level = WireReader.readUnsignedByte(in, "Protocol level");
    MqttVersion version = MqttVersion.fromProtocol(name, level);
    if (version == null) {
      throw new MqttDecodeException(MqttReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
          "Unsupported protocol name '" + name + "' and level " + level
              + " [MQTT-3.1.2-1] [MQTT-3.1.2-2]");
    }
    return version;
  }

  /** Reads what follows the protocol level. */
  static ConnectPacket decodeRest(ByteBuf in, MqttVersion version) {
    int flags = WireReader.readUnsignedByte(in, "Connect Flags");
    if ((flags & RESERVED) != 0) {
      throw MqttDecodeException.malformed("CONNECT reserved flag must be 0 [MQTT-3.1.2-3]");
    }
    boolean willFlag = (flags & WILL_FLAG) != 0;
    int willQos = (flags >>> 3) & 0x03;
    boolean willRetain = (flags & WILL_RETAIN) != 0;
    if (!willFlag && (willQos != 0 || willRetain)) {
      throw MqttDecodeException.malformed("CONNECT without a will must have Will QoS 0 and"
          + " Will Retain 0 (3.1.1 [MQTT-3.1.2-13] [MQTT-3.1.2-15])");
    }
    if (willQos == 3) {
      throw MqttDecodeException.malformed("CONNECT with Will QoS 3 (3.1.1 [MQTT-3.1.2-14])");
    }
    boolean passwordFlag = (flags & PASSWORD_FLAG) != 0;
    boolean userNameFlag = (flags & USER_NAME_FLAG) != 0;
    if (passwordFlag && !userNameFlag && !version.isMqtt5()) {
      throw MqttDecodeException.protocolError(
          "CONNECT with a password but no user name (3.1.1 [MQTT-3.1.2-22])");
    }
    boolean cleanStart = (flags & CLEAN_START) != 0;
    int keepAlive = WireReader.readUnsignedShort(in, "Keep Alive");
    ConnectProperties properties =
        version.isMqtt5() ? decodeProperties(in) : ConnectProperties.DEFAULTS;

    String clientId = WireReader.readString(in, "Client identifier");
    if (clientId.isEmpty() && (version == MqttVersion.V3_1
        || (version == MqttVersion.V3_1_1 && !cleanStart))) {
      // 3.1.1 allows an empty identifier only with Clean Session; 3.1 never does.
      throw new MqttDecodeException(MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
          "Empty client identifier without Clean Session [MQTT-3.1.3-8]");
    }
    WillMessage will = willFlag ? decodeWill(in, version, willQos, willRetain) : null;
    String userName = userNameFlag ? WireReader.readString(in, "User Name") : null;
    byte[] password = passwordFlag ? WireReader.readBinary(in, "Password") : null;
    return new ConnectPacket(
        version, clientId, cleanStart, keepAlive, userName, password, will, properties);
  }

  private static ConnectProperties decodeProperties(ByteBuf in) {
    long sessionExpiryInterval = 0;
    int receiveMaximum = 65_535;
    long maximumPacketSize = 0;
    int topicAliasMaximum = 0;
    boolean requestResponseInformation = false;
    boolean requestProblemInformation = true;
    List<MqttUserProperty> userProperties = null;
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
        case MAXIMUM_PACKET_SIZE:
          maximumPacketSize = ConnackCodec.readMaximumPacketSize(in);
          break;
        case TOPIC_ALIAS_MAXIMUM:
          topicAliasMaximum = readTwoByte(in, id);
          break;
        case REQUEST_RESPONSE_INFORMATION:
          requestResponseInformation = readFlag(in, id);
          break;
        case REQUEST_PROBLEM_INFORMATION:
          requestProblemInformation = readFlag(in, id);
          break;
        case USER_PROPERTY:
          userProperties = readUserProperty(in, userProperties);
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
    if (authenticationData != null && authenticationMethod == null) {
      throw MqttDecodeException.protocolError(
          "CONNECT has Authentication Data but no Authentication Method (section 3.1.2.11.10)");
    }
    if (seen == 0 && userProperties == null) {
      return ConnectProperties.DEFAULTS;
    }
    return new ConnectProperties(sessionExpiryInterval, receiveMaximum, maximumPacketSize,
        topicAliasMaximum, requestResponseInformation, requestProblemInformation,
        PropertyCodec.userProperties(userProperties), authenticationMethod, authenticationData);
  }

  private static WillMessage decodeWill(
      ByteBuf in, MqttVersion version, int qos, boolean retain) {
    long delayInterval = 0;
    boolean payloadUtf8 = false;
    long messageExpiryInterval = -1;
    String contentType = null;
    String responseTopic = null;
    byte[] correlationData = null;
    List<MqttUserProperty> userProperties = null;
    if (version.isMqtt5()) {
      int restore = begin(in, WILL);
      long seen = 0;
      while (in.isReadable()) {
        int id = readId(in);
        if (id != USER_PROPERTY) {
          seen = once(seen, id, WILL);
        }
        switch (id) {
          case WILL_DELAY_INTERVAL:
            delayInterval = readFourByte(in, id);
            break;
          case PAYLOAD_FORMAT_INDICATOR:
            payloadUtf8 = readFlag(in, id);
            break;
          case MESSAGE_EXPIRY_INTERVAL:
            messageExpiryInterval = readFourByte(in, id);
            break;
          case CONTENT_TYPE:
            contentType = readString(in, id);
            break;
          case RESPONSE_TOPIC:
            responseTopic = readString(in, id);
            break;
          case CORRELATION_DATA:
            correlationData = readBinary(in, id);
            break;
          case USER_PROPERTY:
            userProperties = readUserProperty(in, userProperties);
            break;
          default:
            throw notAllowed(id, WILL);
        }
      }
      end(in, restore);
    }
    String topic = WireReader.readString(in, "Will Topic");
    byte[] payload = WireReader.readBinary(in, "Will Payload");
    MqttMessage.Builder builder = PublishCodec.messageBuilder(topic)
        .unsafePayload(payload)
        .qos(MqttQos.of(qos))
        .retain(retain)
        .payloadUtf8(payloadUtf8)
        .contentType(contentType)
        .unsafeCorrelationData(correlationData);
    if (messageExpiryInterval >= 0) {
      builder.messageExpiryInterval(messageExpiryInterval);
    }
    if (responseTopic != null) {
      PublishCodec.responseTopic(builder, responseTopic);
    }
    if (userProperties != null) {
      builder.userProperties(userProperties);
    }
    return new WillMessage(builder.build(), delayInterval);
  }

  /** The remaining length in the low 32 bits, the CONNECT property length in the high 32 bits. */
  static long measure(ConnectPacket packet, MqttVersion version) {
    if (packet.version() != version) {
      throw new IllegalArgumentException(
          "A CONNECT for MQTT " + packet.version() + " given to the MQTT " + version + " encoder");
    }
    if (packet.password() != null && packet.username() == null && !version.isMqtt5()) {
      throw new IllegalArgumentException(
          "MQTT " + version + " CONNECT cannot carry a password without a user name");
    }
    int size = WireWriter.stringSize(version.protocolName(), "Protocol name") + 1 + 1 + 2;
    int propertiesLength = 0;
    if (version.isMqtt5()) {
      propertiesLength = propertiesLength(packet.properties());
      size += sectionSize(propertiesLength);
    }
    size += WireWriter.stringSize(packet.clientId(), "Client identifier");
    WillMessage will = packet.will();
    if (will != null) {
      MqttMessage message = will.message();
      if (version.isMqtt5()) {
        size += sectionSize(willPropertiesLength(will));
      }
      size += WireWriter.stringSize(message.topic(), "Will Topic");
      size += WireWriter.binarySize(message.unsafePayload(), "Will Payload");
    }
    if (packet.username() != null) {
      size += WireWriter.stringSize(packet.username(), "User Name");
    }
    if (packet.password() != null) {
      size += WireWriter.binarySize(packet.password(), "Password");
    }
    return ((long) propertiesLength << 32) | size;
  }

  private static int propertiesLength(ConnectProperties p) {
    int length = 0;
    if (p.sessionExpiryInterval() != 0) {
      requireFourByte(p.sessionExpiryInterval(), SESSION_EXPIRY_INTERVAL);
      length += FOUR_BYTE_PROPERTY_SIZE;
    }
    if (p.receiveMaximum() != 65_535) {
      requireNonZeroTwoByte(p.receiveMaximum(), RECEIVE_MAXIMUM);
      length += TWO_BYTE_PROPERTY_SIZE;
    }
    if (p.maximumPacketSize() > 0) {
      requireFourByte(p.maximumPacketSize(), MAXIMUM_PACKET_SIZE);
      length += FOUR_BYTE_PROPERTY_SIZE;
    }
    if (p.topicAliasMaximum() != 0) {
      requireTwoByte(p.topicAliasMaximum(), TOPIC_ALIAS_MAXIMUM);
      length += TWO_BYTE_PROPERTY_SIZE;
    }
    if (p.requestResponseInformation()) {
      length += BYTE_PROPERTY_SIZE;
    }
    if (!p.requestProblemInformation()) {
      length += BYTE_PROPERTY_SIZE;
    }
    length += userPropertiesSize(p.userProperties());
    length += stringSize(p.authenticationMethod(), AUTHENTICATION_METHOD);
    length += binarySize(p.authenticationData(), AUTHENTICATION_DATA);
    return length;
  }

  private static int willPropertiesLength(WillMessage will) {
    MqttMessage message = will.message();
    int length = 0;
    if (will.delayInterval() != 0) {
      length += FOUR_BYTE_PROPERTY_SIZE;
    }
    if (message.isPayloadUtf8()) {
      length += BYTE_PROPERTY_SIZE;
    }
    if (message.rawMessageExpiryInterval() >= 0) {
      length += FOUR_BYTE_PROPERTY_SIZE;
    }
    length += stringSize(message.contentType(), CONTENT_TYPE);
    length += stringSize(message.responseTopic(), RESPONSE_TOPIC);
    length += binarySize(message.unsafeCorrelationData(), CORRELATION_DATA);
    length += userPropertiesSize(message.userProperties());
    return length;
  }

  static void write(ConnectPacket packet, MqttVersion version, long measured, ByteBuf out) {
    WireWriter.writeString(out, version.protocolName());
    out.writeByte(version.protocolLevel());
    WillMessage will = packet.will();
    int flags = packet.cleanStart() ? CLEAN_START : 0;
    if (will != null) {
      flags |= WILL_FLAG | will.message().qos().code() << 3;
      if (will.message().isRetain()) {
        flags |= WILL_RETAIN;
      }
    }
    if (packet.password() != null) {
      flags |= PASSWORD_FLAG;
    }
    if (packet.username() != null) {
      flags |= USER_NAME_FLAG;
    }
    out.writeByte(flags);
    out.writeShort(packet.keepAlive());
    if (version.isMqtt5()) {
      VariableByteInteger.write(out, (int) (measured >>> 32));
      writeProperties(packet.properties(), out);
    }
    WireWriter.writeString(out, packet.clientId());
    if (will != null) {
      MqttMessage message = will.message();
      if (version.isMqtt5()) {
        VariableByteInteger.write(out, willPropertiesLength(will));
        writeWillProperties(will, out);
      }
      WireWriter.writeString(out, message.topic());
      WireWriter.writeBinary(out, message.unsafePayload());
    }
    if (packet.username() != null) {
      WireWriter.writeString(out, packet.username());
    }
    if (packet.password() != null) {
      WireWriter.writeBinary(out, packet.password());
    }
  }

  private static void writeProperties(ConnectProperties p, ByteBuf out) {
    if (p.sessionExpiryInterval() != 0) {
      writeFourByte(out, SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
    }
    if (p.receiveMaximum() != 65_535) {
      writeTwoByte(out, RECEIVE_MAXIMUM, p.receiveMaximum());
    }
    if (p.maximumPacketSize() > 0) {
      writeFourByte(out, MAXIMUM_PACKET_SIZE, p.maximumPacketSize());
    }
    if (p.topicAliasMaximum() != 0) {
      writeTwoByte(out, TOPIC_ALIAS_MAXIMUM, p.topicAliasMaximum());
    }
    if (p.requestResponseInformation()) {
      writeByte(out, REQUEST_RESPONSE_INFORMATION, 1);
    }
    if (!p.requestProblemInformation()) {
      writeByte(out, REQUEST_PROBLEM_INFORMATION, 0);
    }
    writeUserProperties(out, p.userProperties());
    writeString(out, AUTHENTICATION_METHOD, p.authenticationMethod());
    writeBinary(out, AUTHENTICATION_DATA, p.authenticationData());
  }

  private static void writeWillProperties(WillMessage will, ByteBuf out) {
    MqttMessage message = will.message();
    if (will.delayInterval() != 0) {
      writeFourByte(out, WILL_DELAY_INTERVAL, will.delayInterval());
    }
    if (message.isPayloadUtf8()) {
      writeByte(out, PAYLOAD_FORMAT_INDICATOR, 1);
    }
    long expiry = message.rawMessageExpiryInterval();
    if (expiry >= 0) {
      writeFourByte(out, MESSAGE_EXPIRY_INTERVAL, expiry);
    }
    writeString(out, CONTENT_TYPE, message.contentType());
    writeString(out, RESPONSE_TOPIC, message.responseTopic());
    writeBinary(out, CORRELATION_DATA, message.unsafeCorrelationData());
    writeUserProperties(out, message.userProperties());
  }
}
