package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.client.MqttClientException;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import dev.mqttbridge.mqtt.client.MqttSessionLostException;
import dev.mqttbridge.mqtt.client.MqttSessionLostPolicy;
import dev.mqttbridge.mqtt.internal.codec.MqttPacketTooLargeException;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outgoing PUBLISH flows: QoS 0 written once; QoS 1 until PUBACK; QoS 2 through PUBREC, PUBREL,
 * PUBCOMP. At most {@code min(inflightWindow, server Receive Maximum)} QoS 1 and 2 publishes are
 * inflight [MQTT-4.9.0-2]; the rest wait in order in the pending queue, which {@code publish()}
 * bounds. Publishes made with {@code publishWhenRoom()} wait, in order, in front of that queue until
 * it has room.
 *
 * <p>On reconnect with session present, inflight publishes are sent again in their original order
 * with DUP = 1, and PUBREL for those past PUBREC [MQTT-4.4.0-1]. The new CONNACK's Receive
 * Maximum may be lower than the old one: then only that many are resent at once, and the rest
 * follow, in order, as acknowledgements make room, before any new publish. With session present = 0 the
 * session is discarded [MQTT-3.2.2-5]: publishes already answered by PUBREC complete (the server
 * took them over), the others fail or go back to the front of the queue as new messages, as the
 * {@link MqttSessionLostPolicy} says.
 *
 * <p>Session-scoped: one instance per client, added to each connection's pipeline in turn; state is
 * touched on the client's event loop only.
 */
@ChannelHandler.Sharable
final class OutgoingQosHandler extends ChannelDuplexHandler {

  static final String NAME = "outgoing-qos";

  private static final Logger LOG = LoggerFactory.getLogger(OutgoingQosHandler.class);

  private final int inflightWindow;
  private final int maximumPending;
  private final MqttSessionLostPolicy sessionLostPolicy;
  private final PacketIdAllocator packetIds;
  private final Callbacks callbacks;
  private final ClientCounters counters;
  private final boolean mqtt5;
  /** Its mapping is connection-scoped: reset on every connect [MQTT-3.3.2-7]. */
  private final TopicAliasAssigner aliasing;

  // Session-scoped: inflight flows by packet id in send order, and the queue behind them.
  private final Map<Integer, OutgoingFlow> inflight = new LinkedHashMap<>();
  private final ArrayDeque<OutgoingFlow> pending = new ArrayDeque<>();
  /**
   * {@code publishWhenRoom()} flows waiting for room in {@link #pending}: counted in {@code
   * counters.waiting} (bounded by the caller), not yet in {@code counters.pending}.
   */
  private final ArrayDeque<OutgoingFlow> waitingForRoom = new ArrayDeque<>();

  // Connection-scoped.
  private ChannelHandlerContext ctx;
  private ConnectionSettings settings;
  private int sendMaximum;
  /** Inflight flows marked {@code resendDue}: not yet resent on this connection. */
  private int awaitingResend;

  OutgoingQosHandler(boolean mqtt5, int inflightWindow, int maximumPending,
      MqttSessionLostPolicy sessionLostPolicy, PacketIdAllocator packetIds, Callbacks callbacks,
      ClientCounters counters, TopicAliasAssigner aliasing) {
    this.mqtt5 = mqtt5;
    this.inflightWindow = inflightWindow;
    this.maximumPending = maximumPending;
    this.sessionLostPolicy = sessionLostPolicy;
    this.packetIds = packetIds;
    this.callbacks = callbacks;
    this.counters = counters;
    this.aliasing = aliasing;
  }

  /** Event loop: queues a publish (already counted in {@code counters.pending}) and sends. */
  void publish(OutgoingFlow flow) {
    pending.add(flow);
    sendPending();
  }

  /**
   * Event loop: queues a publish (already counted in {@code counters.waiting}) when there is room,
   * else waits for room; then sends.
   */
  void publishWhenRoom(OutgoingFlow flow) {
    waitingForRoom.add(flow);
    admitWaiting();
    sendPending();
  }

  /**
   * Event loop: takes the application's publishes in call order ({@code publish()} ones already
   * counted in {@code counters.pending}, {@code publishWhenRoom()} ones in {@code counters.waiting}),
   * then sends what the window allows, with one flush.
   */
  void takeOver(Queue<OutgoingFlow> submitted) {
    for (OutgoingFlow flow; (flow = submitted.poll()) != null; ) {
      (flow.entered == null ? pending : waitingForRoom).add(flow);
    }
    admitWaiting();
    sendPending();
  }

  /**
   * Moves waiting flows into the pending queue while it has room, by the bound {@code publish()}
   * checks: the queue plus the free part of the inflight window.
   */
  private void admitWaiting() {
    while (!waitingForRoom.isEmpty()) {
      int bound = maximumPending + Math.max(0, inflightWindow - counters.inflight.get());
      if (counters.pending.incrementAndGet() > bound) {
        counters.pending.decrementAndGet();
        return;
      }
      pending.add(waitingForRoom.poll());
      counters.waiting.decrementAndGet();
    }
  }

  private void entered(OutgoingFlow flow) {
    if (flow.entered != null) {
      callbacks.complete(flow.entered, null);
    }
  }

  private void failFlow(OutgoingFlow flow, Throwable cause) {
    if (flow.entered != null) {
      callbacks.fail(flow.entered, cause);
    }
    callbacks.fail(flow.future, cause);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof ConnectionSettings connected) {
      this.ctx = ctx;
      this.settings = connected;
      this.sendMaximum = Math.min(inflightWindow, connected.serverReceiveMaximum());
      aliasing.reset(connected.serverTopicAliasMaximum());
      if (connected.sessionPresent()) {
        inflight.values().forEach(flow -> flow.resendDue = true);
        awaitingResend = inflight.size();
        resendInflight();
      } else {
        discardSession();
      }
      ctx.fireUserEventTriggered(event);
      sendPending();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (this.ctx == ctx) {
      this.ctx = null;
      this.settings = null;
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (this.ctx == ctx && ctx.channel().isWritable()) {
      sendPending();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof PubackPacket puback) {
      complete(puback.packetId(), puback.reasonCode(), puback.properties());
    } else if (msg instanceof PubrecPacket pubrec) {
      onPubrec(pubrec);
    } else if (msg instanceof PubcompPacket pubcomp) {
      complete(pubcomp.packetId(), pubcomp.reasonCode(), pubcomp.properties());
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void onPubrec(PubrecPacket pubrec) {
    OutgoingFlow flow = inflight.get(pubrec.packetId());
    if (flow == null || flow.message.qos() != MqttQos.EXACTLY_ONCE) {
      LOG.debug("PUBREC for unknown packet {}", pubrec.packetId());
      // Let the server finish its side of the flow all the same.
      ctx.writeAndFlush(new PubrelPacket(pubrec.packetId(),
          mqtt5 ? MqttReasonCode.PACKET_IDENTIFIER_NOT_FOUND : MqttReasonCode.SUCCESS,
          ReasonProperties.NONE));
      return;
    }
    if (pubrec.reasonCode().isError()) {
      // [MQTT-4.3.3]: a PUBREC with an error ends the flow; no PUBREL.
      complete(pubrec.packetId(), pubrec.reasonCode(), pubrec.properties());
      return;
    }
    flow.state = OutgoingFlow.State.AWAITING_PUBCOMP;
    flow.pubrecReasonCode = pubrec.reasonCode();
    ctx.writeAndFlush(PubrelPacket.of(flow.packetId));
  }

  private void complete(int packetId, MqttReasonCode code, ReasonProperties properties) {
    OutgoingFlow flow = inflight.remove(packetId);
    if (flow == null) {
      LOG.debug("Acknowledgement for unknown packet {}", packetId);
      return;
    }
    forgetResend(flow);
    packetIds.release(packetId);
    counters.inflight.decrementAndGet();
    counters.acknowledged.increment();
    callbacks.complete(flow.future, new MqttPublishResult(flow.message, code,
        properties.reasonString(), properties.userProperties()));
    sendPending();
  }

  /** Writes queued publishes while connected and the window has room. */
  private void sendPending() {
    if (ctx == null || settings == null) {
      return;
    }
    if (awaitingResend > 0) {
      // A lowered Receive Maximum left session publishes unsent; they go first, in order.
      resendInflight();
      if (awaitingResend > 0) {
        return;
      }
    }
    boolean wrote = false;
    // Stop at the channel's high water mark: written bytes must not pile up in Netty's outbound
    // buffer (QoS 0 has no window); channelWritabilityChanged resumes.
    while (!pending.isEmpty() && ctx.channel().isWritable()) {
      OutgoingFlow flow = pending.peek();
      MqttClientException refusal = checkAllowed(flow);
      if (refusal != null) {
        pending.poll();
        counters.pending.decrementAndGet();
        failFlow(flow, refusal);
        continue;
      }
      if (flow.message.qos() == MqttQos.AT_MOST_ONCE) {
        pending.poll();
        counters.pending.decrementAndGet();
        entered(flow);
        writeQos0(flow);
        wrote = true;
        continue;
      }
      if (inflight.size() >= sendMaximum) {
        break;
      }
      int packetId = packetIds.allocate();
      if (packetId == 0) {
        break;
      }
      pending.poll();
      counters.pending.decrementAndGet();
      counters.inflight.incrementAndGet();
      counters.published.increment();
      flow.packetId = packetId;
      flow.state = OutgoingFlow.State.AWAITING_ACK;
      flow.sent = true;
      inflight.put(packetId, flow);
      entered(flow);
      ctx.write(aliasing.apply(PublishPacket.of(flow.message, packetId))).addListener(f -> {
        if (f.cause() instanceof MqttPacketTooLargeException tooLarge) {
          // [MQTT-3.1.2-24]: never sent; the server's Maximum Packet Size forbids it.
          failTooLarge(flow, tooLarge);
        }
      });
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
    }
    admitWaiting();
  }

  private void writeQos0(OutgoingFlow flow) {
    counters.published.increment();
    ctx.write(aliasing.apply(PublishPacket.of(flow.message, 0))).addListener(f -> {
      if (f.isSuccess()) {
        callbacks.complete(flow.future, new MqttPublishResult(flow.message,
            MqttReasonCode.SUCCESS, null, List.of()));
      } else {
        callbacks.fail(flow.future, new MqttClientException(
            "QoS 0 publish not written: connection lost", null, f.cause()));
      }
    });
  }

  private void failTooLarge(OutgoingFlow flow, MqttPacketTooLargeException cause) {
    if (inflight.remove(flow.packetId) == flow) {
      forgetResend(flow);
      packetIds.release(flow.packetId);
      counters.inflight.decrementAndGet();
      callbacks.fail(flow.future, new MqttClientException("Publish to " + flow.message.topic()
          + " exceeds the server's Maximum Packet Size", MqttReasonCode.PACKET_TOO_LARGE, cause));
      sendPending();
    }
  }

  /** What the server said it does not accept fails the publish instead of breaking the session. */
  private MqttClientException checkAllowed(OutgoingFlow flow) {
    if (flow.message.qos().code() > settings.maximumQos().code()) {
      return new MqttClientException("The server accepts QoS up to " + settings.maximumQos().code()
          + ", not " + flow.message.qos().code(), MqttReasonCode.QOS_NOT_SUPPORTED, null);
    }
    if (flow.message.isRetain() && !settings.retainAvailable()) {
      return new MqttClientException("The server does not accept retained messages",
          MqttReasonCode.RETAIN_NOT_SUPPORTED, null);
    }
    return null;
  }

  /**
   * Resends the session's inflight flows that are not yet resent on this connection, in order,
   * while fewer than the server's Receive Maximum are on the wire [MQTT-4.9.0-2]. A QoS 2 flow
   * past PUBREC counts too: the server counts it until PUBCOMP.
   */
  private void resendInflight() {
    int onWire = inflight.size() - awaitingResend;
    int resent = 0;
    for (OutgoingFlow flow : inflight.values()) {
      if (onWire >= sendMaximum) {
        break;
      }
      if (!flow.resendDue) {
        continue;
      }
      flow.resendDue = false;
      if (flow.state == OutgoingFlow.State.AWAITING_PUBCOMP) {
        ctx.write(PubrelPacket.of(flow.packetId));
      } else {
        ctx.write(aliasing.apply(PublishPacket.of(flow.message, flow.packetId).asDuplicate()));
      }
      onWire++;
      resent++;
    }
    awaitingResend -= resent;
    if (resent > 0) {
      LOG.debug("Session resumed: resent {} inflight publishes, {} wait for room", resent,
          awaitingResend);
      ctx.flush();
    }
  }

  private void discardSession() {
    if (inflight.isEmpty()) {
      return;
    }
    List<OutgoingFlow> resend = new ArrayList<>();
    int failed = 0;
    for (OutgoingFlow flow : inflight.values()) {
      packetIds.release(flow.packetId);
      counters.inflight.decrementAndGet();
      flow.resendDue = false;
      if (flow.state == OutgoingFlow.State.AWAITING_PUBCOMP) {
        // The server took the message over at PUBREC; sending it again could deliver it twice.
        counters.acknowledged.increment();
        callbacks.complete(flow.future, new MqttPublishResult(flow.message,
            flow.pubrecReasonCode, null, List.of()));
      } else if (sessionLostPolicy == MqttSessionLostPolicy.RESEND_AS_NEW) {
        flow.state = OutgoingFlow.State.PENDING;
        flow.packetId = 0;
        resend.add(flow);
      } else {
        failed++;
        callbacks.fail(flow.future, new MqttSessionLostException("The server lost the session"
            + " before acknowledging this QoS " + flow.message.qos().code() + " publish to "
            + flow.message.topic() + "; it may or may not have been delivered"));
      }
    }
    inflight.clear();
    awaitingResend = 0;
    for (int i = resend.size() - 1; i >= 0; i--) {
      pending.addFirst(resend.get(i));
      counters.pending.incrementAndGet();
      counters.published.decrement();
    }
    LOG.warn("Server has no session for us: {} unacknowledged publishes failed, {} re-sent as new",
        failed, resend.size());
  }

  private void forgetResend(OutgoingFlow flow) {
    if (flow.resendDue) {
      flow.resendDue = false;
      awaitingResend--;
    }
  }

  /** Event loop: fails every queued and inflight publish (client closed). */
  void failAll(Throwable cause) {
    for (OutgoingFlow flow : inflight.values()) {
      packetIds.release(flow.packetId);
      callbacks.fail(flow.future, cause);
    }
    counters.inflight.addAndGet(-inflight.size());
    inflight.clear();
    awaitingResend = 0;
    for (OutgoingFlow flow : pending) {
      failFlow(flow, cause);
    }
    counters.pending.addAndGet(-pending.size());
    pending.clear();
    waitingForRoom.forEach(flow -> failFlow(flow, cause));
    counters.waiting.addAndGet(-waitingForRoom.size());
    waitingForRoom.clear();
  }

  /** For tests: inflight publishes. */
  int inflightCount() {
    return inflight.size();
  }

  /** For tests: queued publishes. */
  int pendingCount() {
    return pending.size();
  }
}
