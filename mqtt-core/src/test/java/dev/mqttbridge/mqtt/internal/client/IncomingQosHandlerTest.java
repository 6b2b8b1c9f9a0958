package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncomingQosHandlerTest {

  private final ClientCounters counters = new ClientCounters();
  private final List<MqttReceivedMessage> received = new ArrayList<>();
  private EmbeddedChannel channel;

  private EmbeddedChannel connect(boolean mqtt5, int receiveMaximum, int maxQos0, boolean manual) {
    channel = new EmbeddedChannel();
    MessageRouter router = new MessageRouter(null);
    router.add(TopicFilter.of("t/#"), 0, received::add);
    channel.pipeline().addLast(IncomingQosHandler.NAME, new IncomingQosHandler(mqtt5,
        receiveMaximum, maxQos0, manual, router, new Callbacks(Runnable::run), counters,
        channel.eventLoop()));
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 65_535));
    return channel;
  }

  private static PublishPacket publish(int packetId, MqttQos qos) {
    return PublishPacket.of(MqttMessage.builder("t/" + packetId).qos(qos).payload("p").build(),
        qos == MqttQos.AT_MOST_ONCE ? 0 : packetId);
  }

  private List<MqttPacket> written() {
    channel.runPendingTasks();
    List<MqttPacket> packets = new ArrayList<>();
    for (Object o; (o = channel.readOutbound()) != null; ) {
      packets.add((MqttPacket) o);
    }
    return packets;
  }

  @Test
  void manualAcksOutOfOrder_pubacksSentInArrivalOrder() {
    connect(true, 10, 10, true);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE), publish(2, MqttQos.AT_LEAST_ONCE),
        publish(3, MqttQos.AT_LEAST_ONCE));
    assertThat(received).hasSize(3);

    received.get(2).acknowledge();
    received.get(1).acknowledge();
    assertThat(written()).as("held back until message 1 is acknowledged").isEmpty();

    received.get(0).acknowledge();
    assertThat(written()).containsExactly(PubackPacket.of(1), PubackPacket.of(2),
        PubackPacket.of(3));
  }

  @Test
  void unacknowledgedMessage_isNeverAcknowledged() {
    connect(true, 10, 10, true);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE), publish(2, MqttQos.EXACTLY_ONCE));
    received.get(1).acknowledge();
    received.get(1).acknowledge();
    assertThat(written()).isEmpty();
  }

  @Test
  void automaticAcks_sentWhenHandlerReturns() {
    connect(true, 10, 10, false);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE), publish(2, MqttQos.EXACTLY_ONCE));
    assertThat(written()).containsExactly(PubackPacket.of(1), PubrecPacket.of(2));
  }

  @Test
  void qos2_redeliveredBeforePubrel_reachesApplicationOnce_andPubrelCompletes() {
    connect(true, 10, 10, false);
    channel.writeInbound(publish(7, MqttQos.EXACTLY_ONCE));
    assertThat(written()).containsExactly(PubrecPacket.of(7));

    channel.writeInbound(publish(7, MqttQos.EXACTLY_ONCE).asDuplicate());
    assertThat(written()).containsExactly(PubrecPacket.of(7));
    assertThat(received).hasSize(1);

    channel.writeInbound(PubrelPacket.of(7));
    assertThat(written()).containsExactly(PubcompPacket.of(7));
    assertThat(counters.received.sum()).isEqualTo(1);
  }

  @Test
  void heldBackMessage_redeliveredAfterReconnectWithSession_notDeliveredAgain_ackedWhenAppAcks() {
    connect(true, 10, 10, true);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE));
    MqttReceivedMessage first = received.get(0);
    channel.pipeline().fireChannelInactive();
    channel.pipeline().fireUserEventTriggered(Connacks.settings(true, 65_535));

    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE).asDuplicate());
    assertThat(received).hasSize(1);
    assertThat(written()).isEmpty();

    first.acknowledge();
    assertThat(written()).containsExactly(PubackPacket.of(1));
  }

  @Test
  void sessionLost_forgetsHeldMessages() {
    IncomingQosHandler handler = (IncomingQosHandler) connect(true, 10, 10, true)
        .pipeline().get(IncomingQosHandler.NAME);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE));
    channel.pipeline().fireChannelInactive();
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 65_535));
    assertThat(handler.unacknowledged()).isZero();

    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE));
    assertThat(received).as("a new message with a reused packet id").hasSize(2);
  }

  @Test
  void mqtt311_atReceiveBound_stopsReading_andResumesWhenAcknowledged() {
    connect(false, 2, 10, true);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE));
    assertThat(channel.config().isAutoRead()).isTrue();
    channel.writeInbound(publish(2, MqttQos.AT_LEAST_ONCE));
    assertThat(channel.config().isAutoRead()).isFalse();

    received.get(0).acknowledge();
    assertThat(written()).containsExactly(PubackPacket.of(1));
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void mqtt5_serverExceedsOurReceiveMaximum_readsPausedNotDisconnected() {
    connect(true, 1, 10, true);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE));
    assertThat(channel.config().isAutoRead()).isFalse();
    channel.writeInbound(publish(2, MqttQos.AT_LEAST_ONCE));
    assertThat(received).hasSize(2);
    assertThat(channel.isActive()).isTrue();

    received.get(0).acknowledge();
    assertThat(written()).containsExactly(PubackPacket.of(1));
    assertThat(channel.config().isAutoRead()).as("still at the bound").isFalse();
    received.get(1).acknowledge();
    assertThat(written()).containsExactly(PubackPacket.of(2));
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void qos2_atReceiveBound_pubrecSent_readsResumeSoPubrelCanArrive() {
    connect(true, 2, 10, true);
    channel.writeInbound(publish(1, MqttQos.EXACTLY_ONCE), publish(2, MqttQos.EXACTLY_ONCE));
    assertThat(channel.config().isAutoRead()).isFalse();

    received.forEach(MqttReceivedMessage::acknowledge);
    assertThat(written()).containsExactly(PubrecPacket.of(1), PubrecPacket.of(2));
    assertThat(channel.config().isAutoRead()).as("the PUBRELs are in the socket").isTrue();

    channel.writeInbound(PubrelPacket.of(1), PubrelPacket.of(2));
    assertThat(written()).containsExactly(PubcompPacket.of(1), PubcompPacket.of(2));
  }

  @Test
  void resumedSession_heldMessagesAcknowledgedBeforeRedeliveryIsRead_readsResume_acksFollowArrivalOrder() {
    IncomingQosHandler handler = (IncomingQosHandler) connect(true, 2, 10, true)
        .pipeline().get(IncomingQosHandler.NAME);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE), publish(2, MqttQos.AT_LEAST_ONCE));
    assertThat(channel.config().isAutoRead()).isFalse();
    channel.pipeline().fireChannelInactive();
    channel.config().setAutoRead(true); // a new connection reads from the start
    channel.pipeline().fireUserEventTriggered(Connacks.settings(true, 65_535));

    // The server sends a message new to us before the redeliveries: the bound is reached.
    channel.writeInbound(publish(3, MqttQos.AT_LEAST_ONCE));
    assertThat(channel.config().isAutoRead()).isFalse();

    // The application acknowledges the held ones: their redeliveries must be read, so reads resume
    // although nothing could be sent yet.
    received.get(0).acknowledge();
    received.get(1).acknowledge();
    assertThat(written()).isEmpty();
    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(handler.waitingForApplication()).isEqualTo(1);

    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE).asDuplicate());
    assertThat(written()).as("message 3 arrived first on this connection").isEmpty();
    received.get(2).acknowledge();
    assertThat(written()).containsExactly(PubackPacket.of(3), PubackPacket.of(1));

    channel.writeInbound(publish(2, MqttQos.AT_LEAST_ONCE).asDuplicate());
    assertThat(written()).containsExactly(PubackPacket.of(2));
    assertThat(received).as("redeliveries are not delivered again").hasSize(3);
    assertThat(handler.unacknowledged()).isZero();
    assertThat(handler.waitingForApplication()).isZero();
  }

  @Test
  void resumedSession_heldMessageStillUnacknowledged_countsTowardsBound() {
    connect(true, 2, 10, true);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE));
    channel.pipeline().fireChannelInactive();
    channel.pipeline().fireUserEventTriggered(Connacks.settings(true, 65_535));

    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE).asDuplicate());
    assertThat(channel.config().isAutoRead()).isTrue();
    channel.writeInbound(publish(2, MqttQos.AT_LEAST_ONCE));
    assertThat(channel.config().isAutoRead()).as("two wait for the application").isFalse();
  }

  @Test
  void qos0_beyondBound_droppedAndCounted() {
    List<Runnable> slowExecutor = new ArrayList<>();
    channel = new EmbeddedChannel();
    MessageRouter router = new MessageRouter(null);
    router.add(TopicFilter.of("t/#"), 0, received::add);
    channel.pipeline().addLast(new IncomingQosHandler(true, 10, 2, false, router,
        new Callbacks(slowExecutor::add), counters, channel.eventLoop()));
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 65_535));

    channel.writeInbound(publish(1, MqttQos.AT_MOST_ONCE), publish(2, MqttQos.AT_MOST_ONCE),
        publish(3, MqttQos.AT_MOST_ONCE));
    assertThat(slowExecutor).hasSize(2);
    assertThat(counters.dropped.sum()).isEqualTo(1);

    slowExecutor.forEach(Runnable::run);
    channel.writeInbound(publish(4, MqttQos.AT_MOST_ONCE));
    assertThat(slowExecutor).hasSize(3);
  }

  @Test
  void messageMatchingNoHandler_acknowledgedAndCountedDropped() {
    connect(true, 10, 10, true);
    channel.writeInbound(PublishPacket.of(
        MqttMessage.builder("other").qos(MqttQos.AT_LEAST_ONCE).build(), 5));
    assertThat(written()).containsExactly(PubackPacket.of(5));
    assertThat(counters.dropped.sum()).isEqualTo(1);
  }

  /**
   * Mosquitto 2.0.11 numbers a session's messages as it queues them, so past 65,535 queued a new
   * message (DUP clear) can arrive under an identifier an earlier one still holds. Taking it for
   * a redelivery lost it (WorkerCrashIT, QoS 2, 484 of 100,000 messages).
   */
  @Test
  void reusedPacketIdWithoutDup_isANewMessage_eachAcknowledgedInArrivalOrder() {
    connect(true, 10, 10, true);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE));
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE));
    assertThat(received).hasSize(2);
    assertThat(counters.received.sum()).isEqualTo(2);

    received.get(1).acknowledge();
    assertThat(written()).as("the earlier message's ack comes first").isEmpty();
    received.get(0).acknowledge();
    assertThat(written()).containsExactly(PubackPacket.of(1), PubackPacket.of(1));
  }

  /**
   * After a resume the server redelivers a QoS 2 PUBLISH, which queues our PUBREC again, yet it
   * had our PUBREC of the earlier connection after all and sends PUBREL: the flow ends there.
   * Ignoring that PUBREL held the identifier for good.
   */
  @Test
  void qos2_pubrelWhileRequeuedPubrecWaits_completesFlow_andFreesTheId() {
    IncomingQosHandler handler = (IncomingQosHandler) connect(true, 10, 10, true)
        .pipeline().get(IncomingQosHandler.NAME);
    channel.writeInbound(publish(1, MqttQos.EXACTLY_ONCE));
    received.get(0).acknowledge();
    assertThat(written()).containsExactly(PubrecPacket.of(1));
    channel.writeInbound(publish(2, MqttQos.EXACTLY_ONCE));
    channel.pipeline().fireChannelInactive();
    channel.pipeline().fireUserEventTriggered(Connacks.settings(true, 65_535));

    channel.writeInbound(publish(2, MqttQos.EXACTLY_ONCE).asDuplicate(),
        publish(1, MqttQos.EXACTLY_ONCE).asDuplicate());
    assertThat(written()).as("PUBREC 1 waits behind message 2").isEmpty();
    channel.writeInbound(PubrelPacket.of(1));
    assertThat(written()).containsExactly(PubcompPacket.of(1));
    assertThat(handler.unacknowledged()).isEqualTo(1);

    received.get(1).acknowledge();
    assertThat(written()).as("no PUBREC for the completed flow").containsExactly(PubrecPacket.of(2));
    channel.writeInbound(publish(1, MqttQos.EXACTLY_ONCE));
    assertThat(received).as("a new message under the freed id").hasSize(3);
  }

  @Test
  void qos2_pubrelForIdHeldByUnacknowledgedMessage_answeredAndMessageKept() {
    IncomingQosHandler handler = (IncomingQosHandler) connect(true, 10, 10, true)
        .pipeline().get(IncomingQosHandler.NAME);
    channel.writeInbound(publish(4, MqttQos.EXACTLY_ONCE));
    channel.writeInbound(PubrelPacket.of(4));
    assertThat(written()).containsExactly(PubcompPacket.of(4));
    assertThat(handler.unacknowledged()).isEqualTo(1);

    received.get(0).acknowledge();
    assertThat(written()).containsExactly(PubrecPacket.of(4));
    channel.writeInbound(PubrelPacket.of(4));
    assertThat(written()).containsExactly(PubcompPacket.of(4));
    assertThat(handler.unacknowledged()).isZero();
  }

  @Test
  void qos2_newMessageUnderIdAwaitingPubrel_delivered_latePubrelEndsOnlyTheEarlierOne() {
    IncomingQosHandler handler = (IncomingQosHandler) connect(true, 10, 10, true)
        .pipeline().get(IncomingQosHandler.NAME);
    channel.writeInbound(publish(7, MqttQos.EXACTLY_ONCE));
    received.get(0).acknowledge();
    assertThat(written()).containsExactly(PubrecPacket.of(7));

    channel.writeInbound(publish(7, MqttQos.EXACTLY_ONCE));
    assertThat(received).as("DUP clear: a new message").hasSize(2);
    assertThat(handler.waitingForApplication()).isEqualTo(1);
    channel.writeInbound(PubrelPacket.of(7));
    assertThat(written()).containsExactly(PubcompPacket.of(7));
    assertThat(handler.unacknowledged()).as("the new message stays held").isEqualTo(1);

    channel.writeInbound(publish(7, MqttQos.EXACTLY_ONCE).asDuplicate());
    assertThat(received).as("its redelivery is recognised").hasSize(2);
    received.get(1).acknowledge();
    assertThat(written()).containsExactly(PubrecPacket.of(7));
    channel.writeInbound(PubrelPacket.of(7));
    assertThat(written()).containsExactly(PubcompPacket.of(7));
    assertThat(handler.unacknowledged()).isZero();
    assertThat(handler.waitingForApplication()).isZero();
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  /** A PUBREL caused by an earlier message's PUBREC must not end a later one still queued. */
  @Test
  void qos2_pubrelForOrphanedEarlierMessage_laterMessageUnderSameIdStillSendsItsPubrec() {
    IncomingQosHandler handler = (IncomingQosHandler) connect(true, 10, 10, true)
        .pipeline().get(IncomingQosHandler.NAME);
    channel.writeInbound(publish(7, MqttQos.EXACTLY_ONCE), publish(8, MqttQos.EXACTLY_ONCE),
        publish(7, MqttQos.EXACTLY_ONCE));
    assertThat(received).hasSize(3);
    received.get(2).acknowledge();
    received.get(0).acknowledge();
    assertThat(written()).containsExactly(PubrecPacket.of(7));
    channel.writeInbound(PubrelPacket.of(7));
    assertThat(written()).containsExactly(PubcompPacket.of(7));

    received.get(1).acknowledge();
    assertThat(written()).containsExactly(PubrecPacket.of(8), PubrecPacket.of(7));
    channel.writeInbound(PubrelPacket.of(8), PubrelPacket.of(7));
    assertThat(written()).containsExactly(PubcompPacket.of(8), PubcompPacket.of(7));
    assertThat(handler.unacknowledged()).isZero();
    assertThat(handler.waitingForApplication()).isZero();
  }

  @Test
  void qos1_pubrelUnderIdOfQueuedQos1Message_answeredAndPubackStillSent() {
    connect(true, 10, 10, true);
    channel.writeInbound(publish(1, MqttQos.AT_LEAST_ONCE), publish(2, MqttQos.AT_LEAST_ONCE));
    received.get(1).acknowledge();
    assertThat(written()).as("PUBACK 2 waits behind message 1").isEmpty();
    channel.writeInbound(PubrelPacket.of(2));
    assertThat(written()).containsExactly(PubcompPacket.of(2));
    received.get(0).acknowledge();
    assertThat(written()).containsExactly(PubackPacket.of(1), PubackPacket.of(2));
  }

  @Test
  void mqtt5_pubrelForUnknownId_answeredWithPacketIdentifierNotFound() {
    connect(true, 10, 10, true);
    channel.writeInbound(PubrelPacket.of(9));
    assertThat(written()).containsExactly(new PubcompPacket(9,
        MqttReasonCode.PACKET_IDENTIFIER_NOT_FOUND, ReasonProperties.NONE));
  }
}
