package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.List;
import java.util.Objects;

/**
 * UNSUBACK.
 *
 * @param packetId 1 to 65,535
 * @param reasonCodes MQTT 5: one per topic filter of the UNSUBSCRIBE; empty for 3.x
 * @param properties MQTT 5 properties
 */
public record UnsubackPacket(
    int packetId, List<MqttReasonCode> reasonCodes, ReasonProperties properties)
    implements MqttPacket {

  public UnsubackPacket {
    PacketIds.require(packetId);
    reasonCodes = List.copyOf(reasonCodes);
    Objects.requireNonNull(properties, "properties");
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.UNSUBACK;
  }
}
