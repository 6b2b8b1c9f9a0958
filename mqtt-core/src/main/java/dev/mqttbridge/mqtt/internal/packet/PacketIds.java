package dev.mqttbridge.mqtt.internal.packet;

/** Packet identifier checks shared by the packet records. */
final class PacketIds {

  private PacketIds() {}

  /** Packet identifiers are non-zero 16-bit values [MQTT-2.2.1-3]. */
  static int require(int packetId) {
    if (packetId < 1 || packetId > 65_535) {
      throw new IllegalArgumentException("Packet identifier out of range 1..65535: " + packetId);
    }
    return packetId;
  }
}
