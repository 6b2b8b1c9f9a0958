package dev.mqttbridge.mqtt.internal.broker.session;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The topic aliases the broker uses towards one MQTT 5 connection (section 3.3.2.3.4): the first
 * topics sent get aliases 1 to the client's Topic Alias Maximum, announced with the topic name once;
 * later messages on those topics carry the alias and an empty topic name. Topics beyond the maximum
 * go without an alias; no alias is ever reassigned. Connection-scoped: a new connection starts
 * without aliases. Used by the session thread only.
 */
final class OutboundTopicAliases {

  private final int maximum;
  private final Map<String, Integer> aliases = new HashMap<>();

  /** Aliases up to the client's Topic Alias Maximum (0: none) [MQTT-3.3.2-17]. */
  OutboundTopicAliases(int maximum) {
    this.maximum = maximum;
  }

  /** The PUBLISH to send for this message, with an alias where one exists or can be made. */
  PublishPacket packet(MqttMessage message, int packetId, boolean duplicate,
      List<Integer> subscriptionIdentifiers) {
    if (maximum == 0) {
      return new PublishPacket(message, packetId, duplicate, 0, false, subscriptionIdentifiers);
    }
    Integer alias = aliases.get(message.topic());
    if (alias != null) {
      return new PublishPacket(message, packetId, duplicate, alias, true, subscriptionIdentifiers);
    }
    int next = aliases.size() + 1;
    return new PublishPacket(message, packetId, duplicate, next <= maximum ? next : 0, false,
        subscriptionIdentifiers);
  }

  /** The packet went out: an alias it announced is now known to the client. */
  void sent(PublishPacket packet) {
    if (packet.topicAlias() != 0 && !packet.aliasOnly()) {
      aliases.put(packet.message().topic(), packet.topicAlias());
    }
  }
}
