package dev.mqttbridge.mqtt.internal.broker;

import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;

/**
 * One network connection as the broker core sees it; the transport (Netty) implements it. All
 * methods may be called from any thread and must not block.
 */
public interface ClientConnection {

  /** The peer address, for logs. */
  String remoteAddress();

  /** The subject of the client certificate verified by TLS, or {@code null} when none. */
  default String certificateSubject() {
    return null;
  }

  /**
   * Sends a packet.
   *
   * @return false if it was not sent: larger than the client's Maximum Packet Size
   *     [MQTT-3.1.2-24, MQTT-3.1.2-25], or a QoS 0 PUBLISH dropped for a reader that cannot keep up
   */
  boolean send(MqttPacket packet);

  /** Sends a last packet, then closes the connection. */
  void sendAndClose(MqttPacket packet);

  /**
   * Stops reading from the client (TCP then holds it back) until the returned action has run;
   * holds add up, and reading resumes when every one is released. The action may run on any
   * thread, exactly once.
   */
  Runnable holdReading();

  /** Closes the connection without a last packet. */
  void close();

  /**
   * Applies what CONNECT negotiated: the version of every further packet, the keep alive to
   * enforce (1.5 times it, [MQTT-3.1.2-24] in 3.1.1 numbering; 0: none) and the client's Maximum
   * Packet Size (0: none).
   */
  void connected(MqttVersion version, int keepAliveSeconds, long clientMaximumPacketSize);
}
