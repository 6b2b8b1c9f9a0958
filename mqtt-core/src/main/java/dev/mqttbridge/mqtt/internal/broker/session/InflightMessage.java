package dev.mqttbridge.mqtt.internal.broker.session;

/**
 * A QoS 1 or 2 message sent to the client and not yet acknowledged. Immutable; a PUBREC replaces
 * it with its {@link #released()} form.
 *
 * @param packetId the packet identifier it was sent with
 * @param message the message
 * @param released QoS 2 only: PUBREC received and PUBREL sent, waiting for PUBCOMP
 */
public record InflightMessage(int packetId, OutgoingMessage message, boolean released) {

  /** This message after its PUBREC. */
  public InflightMessage asReleased() {
    return new InflightMessage(packetId, message, true);
  }
}
