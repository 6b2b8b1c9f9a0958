package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.List;
import java.util.Objects;

/**
 * SUBACK. MQTT 3.1.1 return codes map onto {@code SUCCESS}, {@code GRANTED_QOS_1},
 * {@code GRANTED_QOS_2} and {@code UNSPECIFIED_ERROR} (0x80).
 *
 * @param packetId 1 to 65,535
 * @param reasonCodes one per topic filter of the SUBSCRIBE, in order
 * @param properties MQTT 5 properties
 */
public record SubackPacket(
    int packetId, List<MqttReasonCode> reasonCodes, ReasonProperties properties)
    implements MqttPacket {

  public SubackPacket {
    PacketIds.require(packetId);
    reasonCodes = List.copyOf(reasonCodes);
    Objects.requireNonNull(properties, "properties");
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.SUBACK;
  }
}
