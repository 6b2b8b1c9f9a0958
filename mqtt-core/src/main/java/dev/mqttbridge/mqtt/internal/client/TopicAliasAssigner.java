package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import java.util.HashMap;
import java.util.Map;

/**
 * Optional outgoing topic aliases: the first publishes to a topic on a connection get a new alias
 * (sent with the topic name), later ones send the alias alone, until the server's Topic Alias
 * Maximum is used up; topics after that are sent in full. The mapping is connection-scoped
 * [MQTT-3.3.2-7]; event loop only.
 */
final class TopicAliasAssigner {

  private final boolean enabled;
  private final Map<String, Integer> aliases = new HashMap<>();
  private int maximum;

  TopicAliasAssigner(boolean enabled) {
    this.enabled = enabled;
  }

  /** Starts a connection whose server accepts this many aliases. */
  void reset(int serverTopicAliasMaximum) {
    aliases.clear();
    maximum = enabled ? serverTopicAliasMaximum : 0;
  }

  PublishPacket apply(PublishPacket publish) {
    if (maximum == 0) {
      return publish;
    }
    String topic = publish.message().topic();
    Integer alias = aliases.get(topic);
    if (alias != null) {
      return new PublishPacket(publish.message(), publish.packetId(), publish.duplicate(), alias,
          true, publish.subscriptionIdentifiers());
    }
    if (aliases.size() >= maximum) {
      return publish;
    }
    int assigned = aliases.size() + 1;
    aliases.put(topic, assigned);
    return new PublishPacket(publish.message(), publish.packetId(), publish.duplicate(), assigned,
        false, publish.subscriptionIdentifiers());
  }
}
