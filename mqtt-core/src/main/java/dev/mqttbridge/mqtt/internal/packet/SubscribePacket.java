package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.List;

/**
 * SUBSCRIBE.
 *
 * @param packetId 1 to 65,535
 * @param subscriptions at least one
 * @param subscriptionIdentifier MQTT 5 subscription identifier 1 to 268,435,455, or 0 for none
 * @param userProperties MQTT 5 user properties
 */
public record SubscribePacket(
    int packetId,
    List<MqttSubscription> subscriptions,
    int subscriptionIdentifier,
    List<MqttUserProperty> userProperties)
    implements MqttPacket {

  public SubscribePacket {
    PacketIds.require(packetId);
    subscriptions = List.copyOf(subscriptions);
    userProperties = List.copyOf(userProperties);
    if (subscriptions.isEmpty()) {
      throw new IllegalArgumentException("SUBSCRIBE needs at least one topic filter");
    }
    if (subscriptionIdentifier < 0 || subscriptionIdentifier > 268_435_455) {
      throw new IllegalArgumentException(
          "Subscription identifier out of range 1..268435455: " + subscriptionIdentifier);
    }
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.SUBSCRIBE;
  }
}
