package dev.mqttbridge.mqtt.internal.packet;

/** PINGRESP: no content, so one instance serves. */
public record PingrespPacket() implements MqttPacket {

  public static final PingrespPacket INSTANCE = new PingrespPacket();

  @Override
  public MqttPacketType type() {
    return MqttPacketType.PINGRESP;
  }
}
