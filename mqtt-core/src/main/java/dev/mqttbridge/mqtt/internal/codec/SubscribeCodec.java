package dev.mqttbridge.mqtt.internal.codec;

import static dev.mqttbridge.mqtt.internal.codec.PropertyCodec.*;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttRetainHandling;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubscribePacket;
import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE and UNSUBSCRIBE (sections 3.8 and 3.10): a packet identifier and topic filters. */
final class SubscribeCodec {

  private static final String SUBSCRIBE = "SUBSCRIBE";
  private static final String UNSUBSCRIBE = "UNSUBSCRIBE";
  private static final String SHARE_PREFIX = "$share/";

  private SubscribeCodec() {}

  static SubscribePacket decodeSubscribe(ByteBuf in, MqttVersion version) {
    int packetId = WireReader.readPacketId(in);
    int subscriptionIdentifier = 0;
    List<MqttUserProperty> userProperties = null;
    if (version.isMqtt5()) {
      int restore = begin(in, SUBSCRIBE);
      long seen = 0;
      while (in.isReadable()) {
        int id = readId(in);
        switch (id) {
          case SUBSCRIPTION_IDENTIFIER:
            seen = once(seen, id, SUBSCRIBE);
            subscriptionIdentifier = readVariableByte(in, id);
            if (subscriptionIdentifier == 0) {
              throw MqttDecodeException.protocolError("Subscription Identifier must not be 0");
            }
            break;
          case USER_PROPERTY:
            userProperties = readUserProperty(in, userProperties);
            break;
          default:
            throw notAllowed(id, SUBSCRIBE);
        }
      }
      end(in, restore);
    }
    List<MqttSubscription> subscriptions = new ArrayList<>(2);
    while (in.isReadable()) {
      String filter = WireReader.readString(in, "Topic filter");
      int options = WireReader.readUnsignedByte(in, "Subscription options");
      subscriptions.add(subscription(filter, options, version));
    }
    if (subscriptions.isEmpty()) {
      throw MqttDecodeException.protocolError(
          "SUBSCRIBE has no topic filter (section 3.8.3)");
    }
    return new SubscribePacket(
        packetId, subscriptions, subscriptionIdentifier, PropertyCodec.userProperties(userProperties));
  }

  private static MqttSubscription subscription(String filter, int options, MqttVersion version) {
    int qos = options & 0x03;
    if (!version.isMqtt5()) {
      if ((options & 0xFC) != 0 || qos == 3) {
        throw MqttDecodeException.malformed(String.format(
            "Subscription options 0x%02X: reserved bits set or QoS 3 (3.1.1 [MQTT-3-8.3-4])", options));
      }
      return new MqttSubscription(topicFilter(filter), MqttQos.of(qos), false, false,
          MqttRetainHandling.SEND);
    }
    if ((options & 0xC0) != 0) {
      throw MqttDecodeException.malformed(String.format(
          "Subscription options 0x%02X: reserved bits 6 and 7 must be 0 [MQTT-3.8.3-5]", options));
    }
    if (qos == 3) {
      throw MqttDecodeException.protocolError("Subscription with Maximum QoS 3 (section 3.8.3.1)");
    }
    int retainHandling = (options >>> 4) & 0x03;
    if (retainHandling == 3) {
      throw MqttDecodeException.protocolError("Subscription with Retain Handling 3 (section 3.8.3.1)");
    }
    boolean noLocal = (options & 0x04) != 0;
    String validated = topicFilter(filter);
    if (noLocal && validated.startsWith(SHARE_PREFIX)) {
      throw MqttDecodeException.protocolError(
          "No Local must not be set on a shared subscription [MQTT-3.8.3-4]");
    }
    return new MqttSubscription(validated, MqttQos.of(qos), noLocal, (options & 0x08) != 0,
        MqttRetainHandling.of(retainHandling));
  }

  /**
   * Validates a topic filter.
   *
   * @throws MqttDecodeException MALFORMED_PACKET for a filter that breaks the rules of section 4.7
   *     (5.0 keeps Topic Filter Invalid, 0x8F, for filters that are well formed but refused)
   */
  private static String topicFilter(String filter) {
    try {
      return TopicFilter.of(filter).toString();
    } catch (InvalidTopicException e) {
      throw new MqttDecodeException(MqttReasonCode.MALFORMED_PACKET, e.getMessage(), e);
    }
  }

  static UnsubscribePacket decodeUnsubscribe(ByteBuf in, MqttVersion version) {
    int packetId = WireReader.readPacketId(in);
    List<MqttUserProperty> userProperties = null;
    if (version.isMqtt5()) {
      int restore = begin(in, UNSUBSCRIBE);
      while (in.isReadable()) {
        int id = readId(in);
        if (id != USER_PROPERTY) {
          throw notAllowed(id, UNSUBSCRIBE);
        }
        userProperties = readUserProperty(in, userProperties);
      }
      end(in, restore);
    }
    List<String> filters = new ArrayList<>(2);
    while (in.isReadable()) {
      filters.add(topicFilter(WireReader.readString(in, "Topic filter")));
    }
    if (filters.isEmpty()) {
      throw MqttDecodeException.protocolError("UNSUBSCRIBE has no topic filter [MQTT-3.10.3-2]");
    }
    return new UnsubscribePacket(packetId, filters, PropertyCodec.userProperties(userProperties));
  }

  /** The remaining length in the low 32 bits, the property length in the high 32 bits. */
  static long measureSubscribe(SubscribePacket packet, MqttVersion version) {
    int size = 2;
    int propertiesLength = 0;
    if (version.isMqtt5()) {
      if (packet.subscriptionIdentifier() > 0) {
        propertiesLength += variableByteSize(packet.subscriptionIdentifier());
      }
      propertiesLength += userPropertiesSize(packet.userProperties());
      size += sectionSize(propertiesLength);
    }
    List<MqttSubscription> subscriptions = packet.subscriptions();
    for (int i = 0; i < subscriptions.size(); i++) {
      size += WireWriter.stringSize(subscriptions.get(i).topicFilter(), "Topic filter") + 1;
    }
    return ((long) propertiesLength << 32) | size;
  }

  static void writeSubscribe(SubscribePacket packet, MqttVersion version, long measured,
      ByteBuf out) {
    out.writeShort(packet.packetId());
    if (version.isMqtt5()) {
      VariableByteInteger.write(out, (int) (measured >>> 32));
      if (packet.subscriptionIdentifier() > 0) {
        writeVariableByte(out, SUBSCRIPTION_IDENTIFIER, packet.subscriptionIdentifier());
      }
      writeUserProperties(out, packet.userProperties());
    }
    List<MqttSubscription> subscriptions = packet.subscriptions();
    for (int i = 0; i < subscriptions.size(); i++) {
      MqttSubscription subscription = subscriptions.get(i);
      WireWriter.writeString(out, subscription.topicFilter());
      int options = subscription.qos().code();
      if (version.isMqtt5()) {
        options |= (subscription.noLocal() ? 0x04 : 0)
            | (subscription.retainAsPublished() ? 0x08 : 0)
            | subscription.retainHandling().code() << 4;
      }
      out.writeByte(options);
    }
  }

  static long measureUnsubscribe(UnsubscribePacket packet, MqttVersion version) {
    int size = 2;
    int propertiesLength = 0;
    if (version.isMqtt5()) {
      propertiesLength = userPropertiesSize(packet.userProperties());
      size += sectionSize(propertiesLength);
    }
    List<String> filters = packet.topicFilters();
    for (int i = 0; i < filters.size(); i++) {
      size += WireWriter.stringSize(filters.get(i), "Topic filter");
    }
    return ((long) propertiesLength << 32) | size;
  }

  static void writeUnsubscribe(UnsubscribePacket packet, MqttVersion version, long measured,
      ByteBuf out) {
    out.writeShort(packet.packetId());
    if (version.isMqtt5()) {
      VariableByteInteger.write(out, (int) (measured >>> 32));
      writeUserProperties(out, packet.userProperties());
    }
    List<String> filters = packet.topicFilters();
    for (int i = 0; i < filters.size(); i++) {
      WireWriter.writeString(out, filters.get(i));
    }
  }
}
