package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.Objects;

/**
 * DISCONNECT. For 3.x it has no content: the reason code is {@code SUCCESS}.
 *
 * @param reasonCode MQTT 5 disconnect reason code
 * @param properties MQTT 5 properties
 */
public record DisconnectPacket(MqttReasonCode reasonCode, DisconnectProperties properties)
    implements MqttPacket {

  /** A normal disconnection without properties. */
  public static final DisconnectPacket NORMAL =
      new DisconnectPacket(MqttReasonCode.SUCCESS, DisconnectProperties.NONE);

  public DisconnectPacket {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }

  /** A DISCONNECT with this reason code and no properties. */
  public static DisconnectPacket of(MqttReasonCode reasonCode) {
    return new DisconnectPacket(reasonCode, DisconnectProperties.NONE);
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.DISCONNECT;
  }
}
