package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.Objects;

/**
 * AUTH (MQTT 5 only): one step of an enhanced authentication exchange.
 *
 * @param reasonCode {@code SUCCESS}, {@code CONTINUE_AUTHENTICATION} or {@code REAUTHENTICATE}
 * @param properties the method, data, reason string and user properties
 */
public record AuthPacket(MqttReasonCode reasonCode, AuthProperties properties)
    implements MqttPacket {

  public AuthPacket {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.AUTH;
  }
}
