package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import dev.mqttbridge.mqtt.client.MqttSessionLostException;
import dev.mqttbridge.mqtt.client.MqttSessionLostPolicy;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OutgoingQosHandlerTest {

  private final ClientCounters counters = new ClientCounters();
  private EmbeddedChannel channel;
  private OutgoingQosHandler handler;

  private void connect(int inflightWindow, MqttSessionLostPolicy policy, boolean aliases) {
    connect(inflightWindow, 10_000, policy, aliases);
  }

  private void connect(int inflightWindow, int maximumPending, MqttSessionLostPolicy policy,
      boolean aliases) {
    channel = new EmbeddedChannel();
    handler = new OutgoingQosHandler(true, inflightWindow, maximumPending, policy,
        new PacketIdAllocator(),
        new Callbacks(Runnable::run), counters, new TopicAliasAssigner(aliases));
    channel.pipeline().addLast(OutgoingQosHandler.NAME, handler);
  }

  private CompletableFuture<MqttPublishResult> publish(String topic, MqttQos qos) {
    CompletableFuture<MqttPublishResult> future = new CompletableFuture<>();
    counters.pending.incrementAndGet();
    handler.publish(new OutgoingFlow(MqttMessage.builder(topic).qos(qos).build(), future));
    return future;
  }

  private List<MqttPacket> written() {
    List<MqttPacket> packets = new ArrayList<>();
    for (Object o; (o = channel.readOutbound()) != null; ) {
      packets.add((MqttPacket) o);
    }
    return packets;
  }

  private static List<Integer> publishIds(List<MqttPacket> packets) {
    return packets.stream().map(p -> ((PublishPacket) p).packetId()).toList();
  }

  @Test
  void inflightWindow_honoursServerReceiveMaximum_restWaitsInOrder() {
    connect(100, MqttSessionLostPolicy.FAIL, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 2));
    var first = publish("a", MqttQos.AT_LEAST_ONCE);
    publish("b", MqttQos.AT_LEAST_ONCE);
    publish("c", MqttQos.AT_LEAST_ONCE);
    assertThat(publishIds(written())).containsExactly(1, 2);
    assertThat(handler.pendingCount()).isEqualTo(1);
    assertThat(counters.snapshot().inflight()).isEqualTo(2);

    channel.writeInbound(PubackPacket.of(1));
    assertThat(first).isCompletedWithValueMatching(r -> r.reasonCode() == MqttReasonCode.SUCCESS);
    List<MqttPacket> next = written();
    assertThat(next).singleElement()
        .matches(p -> ((PublishPacket) p).message().topic().equals("c"));
  }

  @Test
  void publishWhenRoom_queueFull_waitsInOrder_entersWindowAsAcknowledgementsMakeRoom() {
    connect(1, 1, MqttSessionLostPolicy.FAIL, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    publish("a", MqttQos.AT_LEAST_ONCE); // inflight
    publish("b", MqttQos.AT_LEAST_ONCE); // the one queued place
    OutgoingFlow c = new OutgoingFlow(MqttMessage.builder("c").qos(MqttQos.AT_LEAST_ONCE).build(),
        new CompletableFuture<>(), new CompletableFuture<>());
    OutgoingFlow d = new OutgoingFlow(MqttMessage.builder("d").qos(MqttQos.AT_MOST_ONCE).build(),
        new CompletableFuture<>(), new CompletableFuture<>());
    handler.publishWhenRoom(c);
    handler.publishWhenRoom(d);
    assertThat(publishIds(written())).containsExactly(1);
    assertThat(c.entered).isNotDone();
    assertThat(handler.pendingCount()).as("c and d wait outside the bounded queue").isEqualTo(1);

    channel.writeInbound(PubackPacket.of(1));
    assertThat(publishIds(written())).as("b goes out; c takes its queue place").containsExactly(2);
    assertThat(c.entered).isNotDone();
    channel.writeInbound(PubackPacket.of(2));
    List<MqttPacket> cSent = written();
    assertThat(cSent).extracting(p -> ((PublishPacket) p).message().topic())
        .containsExactly("c");
    assertThat(c.entered).isCompleted();
    assertThat(d.entered).as("QoS 0 behind c, in order").isNotDone();
    channel.writeInbound(PubackPacket.of(((PublishPacket) cSent.get(0)).packetId()));
    assertThat(written()).extracting(p -> ((PublishPacket) p).message().topic())
        .containsExactly("d");
    assertThat(d.entered).isCompleted();
    assertThat(c.future).isCompletedWithValueMatching(MqttPublishResult::isSuccess);
    assertThat(counters.snapshot().pending()).isZero();
  }

  @Test
  void publishWhenRoom_failAll_failsWaitingFlowsBothFutures() {
    connect(1, 0, MqttSessionLostPolicy.FAIL, false);
    OutgoingFlow waiting = new OutgoingFlow(MqttMessage.builder("w").qos(MqttQos.AT_LEAST_ONCE)
        .build(), new CompletableFuture<>(), new CompletableFuture<>());
    publish("a", MqttQos.AT_LEAST_ONCE);
    handler.publishWhenRoom(waiting);
    handler.failAll(new IllegalStateException("closed"));
    assertThat(waiting.entered).isCompletedExceptionally();
    assertThat(waiting.future).isCompletedExceptionally();
  }

  @Test
  void publishesBeforeConnect_waitAndGoOutOnConnect() {
    connect(10, MqttSessionLostPolicy.FAIL, false);
    var qos0 = publish("a", MqttQos.AT_MOST_ONCE);
    assertThat(written()).isEmpty();
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    assertThat(written()).hasSize(1);
    assertThat(qos0).isCompleted();
  }

  @Test
  void qos2_completesAtPubcomp_afterPubrel() {
    connect(10, MqttSessionLostPolicy.FAIL, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    var future = publish("a", MqttQos.EXACTLY_ONCE);
    written();
    channel.writeInbound(PubrecPacket.of(1));
    assertThat(written()).containsExactly(PubrelPacket.of(1));
    assertThat(future).isNotDone();
    channel.writeInbound(PubcompPacket.of(1));
    assertThat(future).isCompletedWithValueMatching(MqttPublishResult::isSuccess);
    assertThat(counters.snapshot().acknowledged()).isEqualTo(1);
  }

  @Test
  void qos2_pubrecWithError_endsFlowWithThatReasonCode() {
    connect(10, MqttSessionLostPolicy.FAIL, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    var future = publish("a", MqttQos.EXACTLY_ONCE);
    written();
    channel.writeInbound(
        new PubrecPacket(1, MqttReasonCode.NOT_AUTHORIZED, ReasonProperties.NONE));
    assertThat(written()).isEmpty();
    assertThat(future).isCompletedWithValueMatching(
        r -> r.reasonCode() == MqttReasonCode.NOT_AUTHORIZED && !r.isSuccess());
  }

  @Test
  void reconnectWithSession_serverLoweredReceiveMaximum_resendsOnlyThatMany_restFollowInOrder() {
    connect(10, MqttSessionLostPolicy.FAIL, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    publish("a", MqttQos.EXACTLY_ONCE);
    for (String topic : List.of("b", "c", "d")) {
      publish(topic, MqttQos.AT_LEAST_ONCE);
    }
    written();
    channel.writeInbound(PubrecPacket.of(1));
    written();
    channel.pipeline().fireChannelInactive();

    channel.pipeline().fireUserEventTriggered(Connacks.settings(true, 2));
    publish("new", MqttQos.AT_LEAST_ONCE);
    assertThat(written()).as("PUBREL counts until PUBCOMP").hasSize(2)
        .containsExactly(PubrelPacket.of(1), PublishPacket.of(
            MqttMessage.builder("b").qos(MqttQos.AT_LEAST_ONCE).build(), 2).asDuplicate());

    channel.writeInbound(PubackPacket.of(2));
    assertThat(publishIds(written())).containsExactly(3);
    channel.writeInbound(PubcompPacket.of(1));
    assertThat(publishIds(written())).containsExactly(4);
    channel.writeInbound(PubackPacket.of(3));
    List<MqttPacket> next = written();
    assertThat(next).singleElement().isInstanceOfSatisfying(PublishPacket.class, p -> {
      assertThat(p.message().topic()).as("new publishes only after the session's").isEqualTo("new");
      assertThat(p.duplicate()).isFalse();
    });
    assertThat(handler.inflightCount()).isEqualTo(2);
  }

  @Test
  void reconnectWithSession_resendsPublishWithDup_andPubrelInOriginalOrder() {
    connect(10, MqttSessionLostPolicy.FAIL, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    publish("a", MqttQos.EXACTLY_ONCE);
    publish("b", MqttQos.AT_LEAST_ONCE);
    written();
    channel.writeInbound(PubrecPacket.of(1));
    written();
    channel.pipeline().fireChannelInactive();

    channel.pipeline().fireUserEventTriggered(Connacks.settings(true, 10));
    List<MqttPacket> resent = written();
    assertThat(resent).hasSize(2);
    assertThat(resent.get(0)).isEqualTo(PubrelPacket.of(1));
    assertThat(resent.get(1)).isInstanceOfSatisfying(PublishPacket.class, p -> {
      assertThat(p.duplicate()).isTrue();
      assertThat(p.packetId()).isEqualTo(2);
    });
  }

  @Test
  void sessionLost_failPolicy_failsUnacknowledged_completesThosePastPubrec() {
    connect(10, MqttSessionLostPolicy.FAIL, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    var pastPubrec = publish("a", MqttQos.EXACTLY_ONCE);
    var unacked = publish("b", MqttQos.AT_LEAST_ONCE);
    written();
    channel.writeInbound(PubrecPacket.of(1));
    written();
    channel.pipeline().fireChannelInactive();

    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    assertThat(written()).isEmpty();
    assertThat(pastPubrec).isCompletedWithValueMatching(MqttPublishResult::isSuccess);
    assertThat(unacked).isCompletedExceptionally();
    assertThat(unacked.handle((r, e) -> e)).isCompletedWithValueMatching(
        e -> e instanceof MqttSessionLostException);
    assertThat(counters.snapshot().inflight()).isZero();
  }

  @Test
  void sessionLost_resendPolicy_resendsAsNewBeforeQueuedOnes() {
    connect(1, MqttSessionLostPolicy.RESEND_AS_NEW, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    var first = publish("a", MqttQos.AT_LEAST_ONCE);
    publish("b", MqttQos.AT_LEAST_ONCE);
    written();
    channel.pipeline().fireChannelInactive();

    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    List<MqttPacket> resent = written();
    assertThat(resent).singleElement().isInstanceOfSatisfying(PublishPacket.class, p -> {
      assertThat(p.duplicate()).isFalse();
      assertThat(p.message().topic()).isEqualTo("a");
    });
    channel.writeInbound(PubackPacket.of(((PublishPacket) resent.get(0)).packetId()));
    assertThat(first).isCompletedWithValueMatching(MqttPublishResult::isSuccess);
  }

  @Test
  void topicAliases_assignedPerConnection_thenAliasOnly() {
    connect(10, MqttSessionLostPolicy.FAIL, true);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10, 1));
    publish("a", MqttQos.AT_MOST_ONCE);
    publish("a", MqttQos.AT_MOST_ONCE);
    publish("b", MqttQos.AT_MOST_ONCE);
    List<PublishPacket> packets = written().stream().map(p -> (PublishPacket) p).toList();
    assertThat(packets.get(0).topicAlias()).isEqualTo(1);
    assertThat(packets.get(0).aliasOnly()).isFalse();
    assertThat(packets.get(1).aliasOnly()).isTrue();
    assertThat(packets.get(2).topicAlias()).as("alias maximum used up").isZero();
  }

  @Test
  void failAll_failsInflightAndPending() {
    connect(1, MqttSessionLostPolicy.FAIL, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    var inflight = publish("a", MqttQos.AT_LEAST_ONCE);
    var pending = publish("b", MqttQos.AT_LEAST_ONCE);
    handler.failAll(new IllegalStateException("closed"));
    assertThat(inflight).isCompletedExceptionally();
    assertThat(pending).isCompletedExceptionally();
    assertThat(counters.snapshot().pending()).isZero();
    assertThat(counters.snapshot().inflight()).isZero();
  }

  @Test
  void channelNotWritable_publishesWaitInQueue_resumeWhenWritable() {
    connect(10, MqttSessionLostPolicy.FAIL, false);
    channel.pipeline().fireUserEventTriggered(Connacks.settings(false, 10));
    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    var future = publish("a", MqttQos.AT_MOST_ONCE);
    assertThat(written()).isEmpty();
    assertThat(handler.pendingCount()).isEqualTo(1);

    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    channel.runPendingTasks();
    assertThat(written()).hasSize(1);
    assertThat(future).isCompleted();
  }
}
