package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.internal.packet.MqttPacketType;
import io.netty.handler.codec.EncoderException;

/**
 * An outbound packet is larger than the Maximum Packet Size the peer announced, so it was not sent
 * [MQTT-3.1.2-24] [MQTT-3.2.2-15]. A server discards such a PUBLISH and acts as if it had sent it
 * [MQTT-3.1.2-25].
 */
public final class MqttPacketTooLargeException extends EncoderException {

  private static final long serialVersionUID = 1L;

  private final transient MqttPacketType packetType;
  private final int packetSize;
  private final long maximumPacketSize;

  /**
   * Creates an exception.
   *
   * @param packetType the packet not sent
   * @param packetSize its encoded size in bytes
   * @param maximumPacketSize the peer's maximum
   */
  public MqttPacketTooLargeException(
      MqttPacketType packetType, int packetSize, long maximumPacketSize) {
    super(packetType + " of " + packetSize + " bytes exceeds the peer's maximum packet size of "
        + maximumPacketSize + " bytes");
    this.packetType = packetType;
    this.packetSize = packetSize;
    this.maximumPacketSize = maximumPacketSize;
  }

  /** The type of the packet not sent. */
  public MqttPacketType packetType() {
    return packetType;
  }

  /** Its encoded size in bytes. */
  public int packetSize() {
    return packetSize;
  }

  /** The peer's maximum packet size in bytes. */
  public long maximumPacketSize() {
    return maximumPacketSize;
  }
}
