package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.List;

/**
 * UNSUBSCRIBE.
 *
 * @param packetId 1 to 65,535
 * @param topicFilters at least one
 * @param userProperties MQTT 5 user properties
 */
public record UnsubscribePacket(
    int packetId, List<String> topicFilters, List<MqttUserProperty> userProperties)
    implements MqttPacket {

  public UnsubscribePacket {
    PacketIds.require(packetId);
    topicFilters = List.copyOf(topicFilters);
    userProperties = List.copyOf(userProperties);
    if (topicFilters.isEmpty()) {
      throw new IllegalArgumentException("UNSUBSCRIBE needs at least one topic filter");
    }
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.UNSUBSCRIBE;
  }
}
