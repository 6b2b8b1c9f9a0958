package dev.mqttbridge.mqtt.internal.broker;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.broker.session.Session;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import dev.mqttbridge.mqtt.topic.TopicName;

/**
 * PUBLISH and PUBREL from a client: authorisation, acknowledgement and routing. QoS 2 is
 * delivered exactly once by routing on PUBLISH and remembering the packet identifier until PUBREL
 * (section 4.3.3, method A): a resent PUBLISH with a remembered identifier is acknowledged again,
 * never routed again [MQTT-4.3.3-10 in 5.0 numbering]. The identifiers belong to the session, so
 * this survives reconnects.
 */
final class IncomingPublishes {

  private final BrokerCore core;
  private final ClientProtocol protocol;
  /** The topic of the previous PUBLISH, parsed: a publisher mostly repeats its topic. */
  private TopicName lastTopic;

  IncomingPublishes(BrokerCore core, ClientProtocol protocol) {
    this.core = core;
    this.protocol = protocol;
  }

  void publish(PublishPacket packet) {
    MqttMessage message = packet.message();
    boolean authorized =
        core.settings().authorizer().mayPublish(protocol.identity(), message.topic());
    boolean v5 = protocol.version() == MqttVersion.V5;
    // 3.x cannot report a refusal: the message is acknowledged and dropped, as Mosquitto does.
    MqttReasonCode refusal = v5 ? MqttReasonCode.NOT_AUTHORIZED : MqttReasonCode.SUCCESS;
    int packetId = packet.packetId();
    switch (message.qos()) {
      case AT_MOST_ONCE -> {
        if (authorized) {
          route(message);
        }
      }
      case AT_LEAST_ONCE -> {
        if (authorized) {
          route(message);
        }
        protocol.connection().send(new PubackPacket(packetId,
            authorized ? MqttReasonCode.SUCCESS : refusal, ReasonProperties.NONE));
      }
      case EXACTLY_ONCE -> publishExactlyOnce(message, packetId, authorized, refusal);
    }
  }

  private void publishExactlyOnce(
      MqttMessage message, int packetId, boolean authorized, MqttReasonCode refusal) {
    Session session = protocol.session();
    if (session.incomingQos2().contains(packetId)) {
      protocol.connection().send(PubrecPacket.of(packetId));
      return;
    }
    if (!authorized && refusal.isError()) {
      // An error PUBREC ends the flow: the identifier is free again.
      protocol.connection().send(new PubrecPacket(packetId, refusal, ReasonProperties.NONE));
      return;
    }
    if (session.incomingQos2().size() >= core.settings().receiveMaximum()) {
      protocol.closeWith(MqttReasonCode.RECEIVE_MAXIMUM_EXCEEDED); // [MQTT-3.3.4-9]
      return;
    }
    if (authorized) {
      route(message);
    }
    session.incomingQos2().add(packetId);
    protocol.connection().send(PubrecPacket.of(packetId));
  }

  void release(PubrelPacket packet) {
    boolean known = protocol.session().incomingQos2().remove(packet.packetId());
    MqttReasonCode code = known || protocol.version() != MqttVersion.V5
        ? MqttReasonCode.SUCCESS : MqttReasonCode.PACKET_IDENTIFIER_NOT_FOUND;
    protocol.connection().send(new PubcompPacket(packet.packetId(), code, ReasonProperties.NONE));
  }

  private TopicName topicName(String topic) {
    if (lastTopic == null || !lastTopic.toString().equals(topic)) {
      lastTopic = TopicName.of(topic);
    }
    return lastTopic;
  }

  private void route(MqttMessage message) {
    core.counters().messageReceived();
    // A receiver whose thread is behind holds this client's reading until it has caught up.
    core.router().publish(message, topicName(message.topic()), protocol.identity().clientId(),
        full -> full.whenDrained(protocol.connection().holdReading()));
  }
}
