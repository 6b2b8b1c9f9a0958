package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.Objects;

/**
 * PUBREC.
 *
 * @param packetId 1 to 65,535
 * @param reasonCode MQTT 5 reason code ({@code SUCCESS} for 3.x)
 * @param properties MQTT 5 properties
 */
public record PubrecPacket(int packetId, MqttReasonCode reasonCode, ReasonProperties properties)
    implements MqttPacket {

  public PubrecPacket {
    PacketIds.require(packetId);
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }

  /** A successful PUBREC without properties. */
  public static PubrecPacket of(int packetId) {
    return new PubrecPacket(packetId, MqttReasonCode.SUCCESS, ReasonProperties.NONE);
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.PUBREC;
  }
}
