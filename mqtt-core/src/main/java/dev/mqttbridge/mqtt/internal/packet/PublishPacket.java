package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import java.util.List;
import java.util.Objects;

/**
 * PUBLISH: the application message plus its wire state. The message's topic is always the real
 * topic name: the decoder resolves incoming topic aliases, and the encoder leaves the topic name
 * out when {@code aliasOnly} is set.
 *
 * @param message the application message
 * @param packetId 1 to 65,535 for QoS 1 and 2; 0 for QoS 0
 * @param duplicate the DUP flag
 * @param topicAlias MQTT 5 topic alias, or 0 for none
 * @param aliasOnly when encoding with a topic alias the peer already knows: send an empty topic name
 * @param subscriptionIdentifiers MQTT 5 subscription identifiers (server to client), in order
 */
public record PublishPacket(
    MqttMessage message,
    int packetId,
    boolean duplicate,
    int topicAlias,
    boolean aliasOnly,
    List<Integer> subscriptionIdentifiers)
    implements MqttPacket {

  public PublishPacket {
    Objects.requireNonNull(message, "message");
    subscriptionIdentifiers = List.copyOf(subscriptionIdentifiers);
    if (message.qos() == MqttQos.AT_MOST_ONCE) {
      if (packetId != 0) {
        throw new IllegalArgumentException("A QoS 0 PUBLISH has no packet identifier");
      }
    } else if (packetId < 1 || packetId > 65_535) {
      throw new IllegalArgumentException("Packet identifier out of range 1..65535: " + packetId);
    }
    if (topicAlias < 0 || topicAlias > 65_535 || (aliasOnly && topicAlias == 0)) {
      throw new IllegalArgumentException("Invalid topic alias " + topicAlias);
    }
  }

  /** A PUBLISH with no wire extras: not a duplicate, no alias, no subscription identifiers. */
  public static PublishPacket of(MqttMessage message, int packetId) {
    return new PublishPacket(message, packetId, false, 0, false, List.of());
  }

  /** This packet with the DUP flag set, for a resend. */
  public PublishPacket asDuplicate() {
    return new PublishPacket(message, packetId, true, topicAlias, aliasOnly,
        subscriptionIdentifiers);
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.PUBLISH;
  }
}
