package dev.mqttbridge.mqtt.internal.broker;

import dev.mqttbridge.mqtt.broker.Authenticator;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.EnhancedAuthenticator;
import dev.mqttbridge.mqtt.broker.OfflineQueuePolicy;
import java.time.Clock;
import java.util.Objects;

/**
 * The broker's immutable configuration, as the core sees it.
 *
 * @param maxKeepAlive the largest keep alive in seconds the broker accepts (65,535: any)
 * @param maximumPacketSize the largest packet in bytes the broker accepts
 * @param receiveMaximum QoS 1 and 2 publishes a client may have unacknowledged towards the broker;
 *     also the broker's own cap on unacknowledged publishes towards 3.x clients
 * @param topicAliasMaximum inbound topic aliases accepted per MQTT 5 connection
 * @param maxQueuedMessages capacity of each session's queue of messages waiting for delivery
 * @param queuePolicy what a full queue drops
 * @param authenticator username / password check
 * @param authorizer publish / subscribe decisions
 * @param enhancedAuthenticator MQTT 5 AUTH exchanges, or {@code null}
 * @param responseInformation the prefix of the Response Information sent to MQTT 5 clients that
 *     request it (the client identifier is appended), or {@code null} to send none
 * @param clock the time source for expiry intervals and will delays
 */
public record BrokerSettings(
    int maxKeepAlive,
    int maximumPacketSize,
    int receiveMaximum,
    int topicAliasMaximum,
    int maxQueuedMessages,
    OfflineQueuePolicy queuePolicy,
    Authenticator authenticator,
    Authorizer authorizer,
    EnhancedAuthenticator enhancedAuthenticator,
    String responseInformation,
    Clock clock) {

  public BrokerSettings {
    Objects.requireNonNull(queuePolicy, "queuePolicy");
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(authorizer, "authorizer");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * Messages routed to a session that may wait for its thread (see {@code DeliveryBacklog}): as
   * many as the session itself may hold, its queue plus its sending window.
   */
  public int deliveryBacklogLimit() {
    return (int) Math.min(Integer.MAX_VALUE, (long) maxQueuedMessages + receiveMaximum);
  }
}
