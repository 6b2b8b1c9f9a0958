package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttMessage;
import java.util.List;

/**
 * A message the client received, with the delivery details of its PUBLISH. Thread-safe.
 *
 * <p><b>Manual acknowledgement.</b> With {@link MqttClientBuilder#manualAcknowledgement(boolean)}
 * on, the client sends PUBACK (QoS 1) or PUBREC (QoS 2) only after {@link #acknowledge()}. The
 * application may acknowledge in any order and from any thread; the client still sends the
 * acknowledgements in the order the messages arrived [MQTT-4.6.0-2] [MQTT-4.6.0-3], holding back a
 * later one until every earlier one is acknowledged. Unacknowledged messages count against the
 * client's Receive Maximum: hold back too many and the server stops sending.
 */
public interface MqttReceivedMessage {

  /** The application message: topic (aliases resolved), payload, QoS, retain, properties. */
  MqttMessage message();

  /** The DUP flag: the server may have sent this message before. */
  boolean isDuplicate();

  /** MQTT 5 subscription identifiers of the subscriptions this message matched, in order. */
  List<Integer> subscriptionIdentifiers();

  /**
   * Marks the message as processed. Idempotent; a no-op for QoS 0 and without manual
   * acknowledgement. When the same PUBLISH reached several handlers (overlapping subscriptions
   * delivered as one copy), it is acknowledged on the wire once every handler acknowledged it.
   */
  void acknowledge();
}
