package dev.mqttbridge.mqtt.client;

/**
 * What happens to unacknowledged outgoing QoS 1 and 2 publishes when the server reports on
 * reconnect that it has no session (session present = 0), so the client must discard its session
 * state [MQTT-3.2.2-5]. Publishes the server had already answered with PUBREC are complete: the
 * server took responsibility for them, re-sending would deliver them twice.
 */
public enum MqttSessionLostPolicy {
  /**
   * The default: each such future fails with {@link MqttSessionLostException}. Nothing is silently
   * lost or silently duplicated; the application decides.
   */
  FAIL,
  /**
   * Send each such publish again as a new message (new packet identifier, DUP = 0), in the original
   * order. At least once: the server may have delivered the first copy before it lost the session.
   */
  RESEND_AS_NEW
}
