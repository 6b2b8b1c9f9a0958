package dev.mqttbridge.mqtt.internal.packet;

/**
 * An MQTT control packet as an immutable value. Packets hold no reference-counted buffers: the
 * decoder copies what it keeps, so packets may cross threads freely.
 */
public sealed interface MqttPacket
    permits ConnectPacket,
        ConnackPacket,
        PublishPacket,
        PubackPacket,
        PubrecPacket,
        PubrelPacket,
        PubcompPacket,
        SubscribePacket,
        SubackPacket,
        UnsubscribePacket,
        UnsubackPacket,
        PingreqPacket,
        PingrespPacket,
        DisconnectPacket,
        AuthPacket {

  /** This packet's type. */
  MqttPacketType type();
}
