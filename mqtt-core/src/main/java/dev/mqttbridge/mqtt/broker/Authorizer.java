package dev.mqttbridge.mqtt.broker;

/**
 * Decides what a connected client may publish and subscribe to. Called on the broker's thread for
 * the client: keep it fast and non-blocking.
 *
 * <p>A refused publish is dropped: MQTT 5.0 clients get PUBACK / PUBREC {@code 0x87 Not
 * authorized} for QoS 1 and 2; MQTT 3.1.1 and 3.1 clients get a normal acknowledgement, since
 * those versions cannot report it. A refused subscription is answered in SUBACK with {@code 0x87}
 * (5.0) or {@code 0x80} (3.1.1). A will whose topic the client may not publish to refuses the
 * CONNECT ({@code 0x87}, 3.1.1 return code 5).
 */
public interface Authorizer {

  /** Allows everything: the broker's default. */
  Authorizer ALLOW_ALL = new Authorizer() {
    @Override
    public boolean mayPublish(ClientIdentity client, String topic) {
      return true;
    }

    @Override
    public boolean maySubscribe(ClientIdentity client, String topicFilter) {
      return true;
    }
  };

  /**
   * Whether the client may publish to this topic name (also checked for its will topic).
   *
   * @param client who publishes
   * @param topic the topic name
   * @return true to accept the message
   */
  boolean mayPublish(ClientIdentity client, String topic);

  /**
   * Whether the client may subscribe with this topic filter.
   *
   * @param client who subscribes
   * @param topicFilter the filter as sent, {@code $share/group/} prefix included
   * @return true to grant the subscription
   */
  boolean maySubscribe(ClientIdentity client, String topicFilter);

  /**
   * Whether a message published to this topic may be delivered to the client through a
   * subscription it was granted; checked per message, so a wildcard subscription can be narrowed
   * by topic. Allows everything unless overridden.
   *
   * @param client the receiving client
   * @param topic the topic name of the message
   * @return true to deliver
   */
  default boolean mayReceive(ClientIdentity client, String topic) {
    return true;
  }
}
