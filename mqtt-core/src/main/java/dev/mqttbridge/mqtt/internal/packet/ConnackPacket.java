package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.Objects;

/**
 * CONNACK. MQTT 3.1.1 return codes map onto reason codes: 1 {@code UNSUPPORTED_PROTOCOL_VERSION},
 * 2 {@code CLIENT_IDENTIFIER_NOT_VALID}, 3 {@code SERVER_UNAVAILABLE}, 4
 * {@code BAD_USER_NAME_OR_PASSWORD}, 5 {@code NOT_AUTHORIZED}.
 *
 * @param sessionPresent whether the server resumed a session
 * @param reasonCode the connect reason code
 * @param properties MQTT 5 properties ({@link ConnackProperties#DEFAULTS} for 3.x)
 */
public record ConnackPacket(
    boolean sessionPresent, MqttReasonCode reasonCode, ConnackProperties properties)
    implements MqttPacket {

  public ConnackPacket {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.CONNACK;
  }
}
