package dev.mqttbridge.mqtt.internal.broker.session;

import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.broker.ClientIdentity;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import java.util.Objects;

/**
 * One subscription of one session, as held in the session and in the subscription index.
 * Immutable; compared by value, so the index removes exactly the entry that was added.
 *
 * @param client the subscribing client (its user name is kept for per-message read checks)
 * @param filter the parsed topic filter
 * @param options the subscription options as granted (QoS already capped)
 * @param subscriptionIdentifier MQTT 5 subscription identifier, or 0 for none
 */
public record SessionSubscription(
    ClientIdentity client, TopicFilter filter, MqttSubscription options,
    int subscriptionIdentifier) {

  public SessionSubscription {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(options, "options");
  }

  /** The subscribing client's identifier. */
  public String clientId() {
    return client.clientId();
  }
}
