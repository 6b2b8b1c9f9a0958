package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.Objects;

/**
 * PUBCOMP.
 *
 * @param packetId 1 to 65,535
 * @param reasonCode MQTT 5 reason code ({@code SUCCESS} for 3.x)
 * @param properties MQTT 5 properties
 */
public record PubcompPacket(int packetId, MqttReasonCode reasonCode, ReasonProperties properties)
    implements MqttPacket {

  public PubcompPacket {
    PacketIds.require(packetId);
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }

  /** A successful PUBCOMP without properties. */
  public static PubcompPacket of(int packetId) {
    return new PubcompPacket(packetId, MqttReasonCode.SUCCESS, ReasonProperties.NONE);
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.PUBCOMP;
  }
}
