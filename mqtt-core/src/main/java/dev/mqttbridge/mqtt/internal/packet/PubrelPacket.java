package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.Objects;

/**
 * PUBREL.
 *
 * @param packetId 1 to 65,535
 * @param reasonCode MQTT 5 reason code ({@code SUCCESS} for 3.x)
 * @param properties MQTT 5 properties
 */
public record PubrelPacket(int packetId, MqttReasonCode reasonCode, ReasonProperties properties)
    implements MqttPacket {

  public PubrelPacket {
    PacketIds.require(packetId);
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }

  /** A successful PUBREL without properties. */
  public static PubrelPacket of(int packetId) {
    return new PubrelPacket(packetId, MqttReasonCode.SUCCESS, ReasonProperties.NONE);
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.PUBREL;
  }
}
