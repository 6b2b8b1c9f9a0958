package dev.mqttbridge.mqtt.internal.codec;

import static dev.mqttbridge.mqtt.internal.codec.PropertyCodec.*;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** PUBLISH (3.1.1 section 3.3, 5.0 section 3.3). */
final class PublishCodec {

  private static final String PACKET = "PUBLISH";

  private PublishCodec() {}

  /**
   * Decodes the variable header and payload.
   *
   * @param flags the low nibble of the fixed header: DUP, QoS, RETAIN
   * @param fromServer whether the server sent it (we are the client)
   * @param aliases the connection's inbound topic aliases (MQTT 5)
   */
  static PublishPacket decode(ByteBuf in, int flags, MqttVersion version, boolean fromServer,
      InboundTopicAliases aliases) {
    boolean duplicate = (flags & 0x08) != 0;
    int qos = (flags >>> 1) & 0x03;
    boolean retain = (flags & 0x01) != 0;
    if (qos == 3) {
      throw MqttDecodeException.malformed("PUBLISH with QoS 3 [MQTT-3.3.1-4]");
    }
    if (qos == 0 && duplicate) {
      throw MqttDecodeException.malformed("PUBLISH with QoS 0 must have DUP 0 [MQTT-3.3.1-2]");
    }
    String topic = TopicNameReader.read(in);
    int packetId = qos > 0 ? WireReader.readPacketId(in) : 0;

    boolean payloadUtf8 = false;
    long messageExpiryInterval = -1;
    String contentType = null;
    String responseTopic = null;
    byte[] correlationData = null;
    List<MqttUserProperty> userProperties = null;
    List<Integer> subscriptionIdentifiers = null;
    int topicAlias = -1;
    if (version.isMqtt5()) {
      int restore = begin(in, PACKET);
      long seen = 0;
      while (in.isReadable()) {
        int id = readId(in);
        switch (id) {
          case PAYLOAD_FORMAT_INDICATOR:
            seen = once(seen, id, PACKET);
            payloadUtf8 = readFlag(in, id);
            break;
          case MESSAGE_EXPIRY_INTERVAL:
            seen = once(seen, id, PACKET);
            messageExpiryInterval = readFourByte(in, id);
            break;
          case CONTENT_TYPE:
            seen = once(seen, id, PACKET);
            contentType = readString(in, id);
            break;
          case RESPONSE_TOPIC:
            seen = once(seen, id, PACKET);
            responseTopic = readString(in, id);
            break;
          case CORRELATION_DATA:
            seen = once(seen, id, PACKET);
            correlationData = readBinary(in, id);
            break;
          case TOPIC_ALIAS:
            seen = once(seen, id, PACKET);
            topicAlias = readTwoByte(in, id);
            break;
          case USER_PROPERTY:
            userProperties = readUserProperty(in, userProperties);
            break;
          case SUBSCRIPTION_IDENTIFIER:
            // Repeatable: one per matching subscription, server to client only [MQTT-3.3.4-6].
            if (!fromServer) {
              throw MqttDecodeException.protocolError(
                  "A client's PUBLISH must not contain a Subscription Identifier [MQTT-3.3.4-6]");
            }
            int subscriptionIdentifier = readVariableByte(in, id);
            if (subscriptionIdentifier == 0) {
              throw MqttDecodeException.protocolError("Subscription Identifier must not be 0");
            }
            subscriptionIdentifiers = append(subscriptionIdentifiers, subscriptionIdentifier);
            break;
          default:
            throw notAllowed(id, PACKET);
        }
      }
      end(in, restore);
    }

    boolean aliasOnly = false;
    if (topic.isEmpty()) {
      if (topicAlias < 0) {
        throw MqttDecodeException.protocolError(
            "PUBLISH has an empty topic name and no topic alias [MQTT-3.3.2-1] [MQTT-4.7.3-1]");
      }
      topic = aliases.resolve(topicAlias);
      aliasOnly = true;
    }
    // Valid: TopicNameReader checked it, or it was checked when its alias was registered.
    MqttMessage.Builder builder = MqttMessage.unsafeBuilder(topic);
    if (topicAlias >= 0 && !aliasOnly) {
      aliases.register(topicAlias, topic);
    }
    builder.unsafePayload(WireReader.readRemaining(in)).qos(MqttQos.of(qos)).retain(retain);
    if (version.isMqtt5()) {
      builder.payloadUtf8(payloadUtf8);
      if (messageExpiryInterval >= 0) {
        builder.messageExpiryInterval(messageExpiryInterval);
      }
      builder.contentType(contentType);
      if (responseTopic != null) {
        responseTopic(builder, responseTopic);
      }
      builder.unsafeCorrelationData(correlationData);
      if (userProperties != null) {
        builder.userProperties(userProperties);
      }
    }
    return new PublishPacket(builder.build(), packetId, duplicate, Math.max(topicAlias, 0),
        aliasOnly, subscriptionIdentifiers == null ? List.of() : subscriptionIdentifiers);
  }

  /**
   * Appends a subscription identifier: usually there is one, kept as an immutable one-element
   * list that the packet takes without copying.
   */
  private static List<Integer> append(List<Integer> identifiers, int identifier) {
    if (identifiers == null) {
      return List.of(identifier);
    }
    List<Integer> grown = new ArrayList<>(identifiers.size() + 1);
    grown.addAll(identifiers);
    grown.add(identifier);
    return grown;
  }

  /**
   * A builder for a message to this topic name.
   *
   * @throws MqttDecodeException TOPIC_NAME_INVALID for a wildcard [MQTT-3.3.2-2] or another
   *     broken topic rule
   */
  static MqttMessage.Builder messageBuilder(String topic) {
    return MqttMessage.unsafeBuilder(TopicNameReader.check(topic));
  }

  /**
   * Sets a decoded response topic.
   *
   * @throws MqttDecodeException PROTOCOL_ERROR for a wildcard [MQTT-3.3.2-14]
   */
  static void responseTopic(MqttMessage.Builder builder, String responseTopic) {
    try {
      builder.responseTopic(responseTopic);
    } catch (InvalidTopicException e) {
      throw new MqttDecodeException(MqttReasonCode.PROTOCOL_ERROR,
          "Invalid Response Topic [MQTT-3.3.2-14]: " + e.getMessage(), e);
    }
  }

  /** The first byte of the fixed header. DUP is only ever set with QoS 1 or 2 [MQTT-3.3.1-2]. */
  static int firstByte(PublishPacket packet) {
    MqttMessage message = packet.message();
    int qos = message.qos().code();
    int flags = qos << 1;
    if (packet.duplicate() && qos > 0) {
      flags |= 0x08;
    }
    if (message.isRetain()) {
      flags |= 0x01;
    }
    return 0x30 | flags;
  }

  /** The remaining length in the low 32 bits, the property length in the high 32 bits. */
  static long measure(PublishPacket packet, MqttVersion version) {
    MqttMessage message = packet.message();
    boolean topicOmitted = version.isMqtt5() && packet.aliasOnly();
    int size = topicOmitted ? 2 : WireWriter.stringSize(message.topic(), "Topic name");
    if (message.qos() != MqttQos.AT_MOST_ONCE) {
      size += 2;
    }
    int propertiesLength = 0;
    if (version.isMqtt5()) {
      propertiesLength = propertiesLength(packet);
      size += sectionSize(propertiesLength);
    }
    size += message.payloadSize();
    return ((long) propertiesLength << 32) | size;
  }

  private static int propertiesLength(PublishPacket packet) {
    MqttMessage message = packet.message();
    int length = 0;
    if (message.isPayloadUtf8()) {
      length += BYTE_PROPERTY_SIZE;
    }
    if (message.rawMessageExpiryInterval() >= 0) {
      length += FOUR_BYTE_PROPERTY_SIZE;
    }
    length += stringSize(message.contentType(), CONTENT_TYPE);
    length += stringSize(message.responseTopic(), RESPONSE_TOPIC);
    length += binarySize(message.unsafeCorrelationData(), CORRELATION_DATA);
    List<Integer> subscriptionIdentifiers = packet.subscriptionIdentifiers();
    for (int i = 0; i < subscriptionIdentifiers.size(); i++) {
      length += variableByteSize(requireSubscriptionIdentifier(subscriptionIdentifiers.get(i)));
    }
    if (packet.topicAlias() > 0) {
      length += TWO_BYTE_PROPERTY_SIZE;
    }
    length += userPropertiesSize(message.userProperties());
    return length;
  }

  private static int requireSubscriptionIdentifier(int value) {
    if (value < 1 || value > VariableByteInteger.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Subscription identifier out of range 1..268435455: " + value);
    }
    return value;
  }

  static void write(PublishPacket packet, MqttVersion version, long measured, ByteBuf out) {
    MqttMessage message = packet.message();
    if (version.isMqtt5() && packet.aliasOnly()) {
      out.writeShort(0); // the peer knows the topic by its alias
    } else {
      WireWriter.writeString(out, message.topic());
    }
    if (message.qos() != MqttQos.AT_MOST_ONCE) {
      out.writeShort(packet.packetId());
    }
    if (version.isMqtt5()) {
      VariableByteInteger.write(out, (int) (measured >>> 32));
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
      List<Integer> subscriptionIdentifiers = packet.subscriptionIdentifiers();
      for (int i = 0; i < subscriptionIdentifiers.size(); i++) {
        writeVariableByte(out, SUBSCRIPTION_IDENTIFIER, subscriptionIdentifiers.get(i));
      }
      if (packet.topicAlias() > 0) {
        writeTwoByte(out, TOPIC_ALIAS, packet.topicAlias());
      }
      writeUserProperties(out, message.userProperties());
    }
    out.writeBytes(message.unsafePayload());
  }
}
