package dev.mqttbridge.mqtt.internal.packet;

/** PINGREQ: no content, so one instance serves. */
public record PingreqPacket() implements MqttPacket {

  public static final PingreqPacket INSTANCE = new PingreqPacket();

  @Override
  public MqttPacketType type() {
    return MqttPacketType.PINGREQ;
  }
}
