package dev.mqttbridge.mqtt.internal.broker;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttRetainHandling;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.internal.broker.retained.RetainedMessage;
import dev.mqttbridge.mqtt.internal.broker.session.OutgoingMessage;
import dev.mqttbridge.mqtt.internal.broker.session.Session;
import dev.mqttbridge.mqtt.internal.broker.session.SessionSubscription;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubackPacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubscribePacket;
import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE from a client: authorisation, the session's subscriptions, the index,
 * and retained messages on subscribe according to Retain Handling (section 3.3.1.3). Retained
 * messages follow the SUBACK; they are never sent for a shared subscription [MQTT-3.8.4-? / 4.8.2].
 */
final class SubscriptionRequests {

  private final BrokerCore core;
  private final ClientProtocol protocol;

  SubscriptionRequests(BrokerCore core, ClientProtocol protocol) {
    this.core = core;
    this.protocol = protocol;
  }

  void subscribe(SubscribePacket packet) {
    boolean v5 = protocol.version() == MqttVersion.V5;
    Session session = protocol.session();
    Authorizer authorizer = core.settings().authorizer();
    List<MqttReasonCode> codes = new ArrayList<>(packet.subscriptions().size());
    List<SessionSubscription> sendRetained = new ArrayList<>();
    for (MqttSubscription requested : packet.subscriptions()) {
      TopicFilter filter = TopicFilter.of(requested.topicFilter());
      if (v5 && filter.isShared() && requested.noLocal()) {
        protocol.closeWith(MqttReasonCode.PROTOCOL_ERROR); // [MQTT-3.8.3-4]
        return;
      }
      if (!authorizer.maySubscribe(protocol.identity(), requested.topicFilter())) {
        codes.add(v5 ? MqttReasonCode.NOT_AUTHORIZED : MqttReasonCode.UNSPECIFIED_ERROR);
        continue;
      }
      // 3.x has QoS only; the MQTT 5 options take their 3.x meaning.
      MqttSubscription options = v5 ? requested : MqttSubscription.of(requested.topicFilter(),
          requested.qos());
      SessionSubscription subscription = new SessionSubscription(protocol.identity(), filter,
          options, v5 ? packet.subscriptionIdentifier() : 0);
      // The same filter replaces the existing subscription [MQTT-3.8.4-3].
      SessionSubscription existing = session.subscriptions().put(filter.toString(), subscription);
      if (existing != null) {
        core.router().unsubscribe(existing);
      }
      core.router().subscribe(subscription);
      codes.add(MqttReasonCode.grantedQos(options.qos()));
      MqttRetainHandling handling = options.retainHandling();
      if (!filter.isShared()
          && (handling == MqttRetainHandling.SEND
              || (handling == MqttRetainHandling.SEND_IF_NEW_SUBSCRIPTION && existing == null))) {
        sendRetained.add(subscription);
      }
    }
    protocol.connection().send(new SubackPacket(packet.packetId(), codes, ReasonProperties.NONE));
    for (SessionSubscription subscription : sendRetained) {
      sendRetained(session, subscription, authorizer);
    }
  }

  private void sendRetained(Session session, SessionSubscription subscription,
      Authorizer authorizer) {
    long now = core.clock().getAsLong();
    List<Integer> identifiers = subscription.subscriptionIdentifier() == 0
        ? List.of() : List.of(subscription.subscriptionIdentifier());
    for (RetainedMessage retained : core.retained().matching(subscription.filter())) {
      MqttMessage message = retained.message();
      if (retained.isExpired(now) || !authorizer.mayReceive(protocol.identity(), message.topic())) {
        continue;
      }
      MqttQos qos = MqttQos.min(message.qos(), subscription.options().qos());
      // Retained messages sent on subscribe keep retain=1 [MQTT-3.3.1-8, MQTT-3.3.1-9 in 5.0].
      MqttMessage sent = qos == message.qos() ? message : message.toBuilder().qos(qos).build();
      session.deliver(new OutgoingMessage(sent, identifiers, retained.expiresAtMillis(), null));
    }
  }

  void unsubscribe(UnsubscribePacket packet) {
    Session session = protocol.session();
    List<MqttReasonCode> codes = new ArrayList<>(packet.topicFilters().size());
    for (String text : packet.topicFilters()) {
      SessionSubscription existing = null;
      try {
        existing = session.subscriptions().remove(TopicFilter.of(text).toString());
      } catch (InvalidTopicException e) {
        codes.add(MqttReasonCode.TOPIC_FILTER_INVALID);
        continue;
      }
      if (existing != null) {
        core.router().unsubscribe(existing);
      }
      codes.add(existing != null ? MqttReasonCode.SUCCESS
          : MqttReasonCode.NO_SUBSCRIPTION_EXISTED);
    }
    // 3.x UNSUBACK has no payload.
    protocol.connection().send(new UnsubackPacket(packet.packetId(),
        protocol.version() == MqttVersion.V5 ? codes : List.of(), ReasonProperties.NONE));
  }
}
