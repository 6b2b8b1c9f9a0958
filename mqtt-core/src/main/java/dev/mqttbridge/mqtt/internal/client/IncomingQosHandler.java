package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.client.MqttMessageHandler;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incoming PUBLISH and PUBREL: hands messages to the application on the callback executor and
 * sends PUBACK / PUBREC once the application acknowledged them, in arrival order
 * [MQTT-4.6.0-2] [MQTT-4.6.0-3]: a later acknowledgement waits until every earlier one is given.
 *
 * <p>Flow control: the bound is {@code receiveMaximum} QoS 1 and 2 messages that wait for the
 * application: not yet acknowledged by it, or acknowledged but queued behind an earlier one. In 5.0
 * we announce it in CONNECT; in every version we stop reading the socket when it is reached (3.x
 * has no Receive Maximum, and a 5.0 server may overshoot it). Flows that wait for the server do not
 * count, because only reading lets them finish: a QoS 2 message after our PUBREC (its PUBREL is in
 * the socket), and a message of a resumed session that the application acknowledged before the
 * server redelivered it (its redelivery is in the socket, and only then may the PUBACK go out).
 * Counting those would pause reads for good. Their number is bounded by the server's inflight
 * window (and the packet identifier space). Received QoS 0 messages waiting for handlers are
 * bounded too; beyond that bound they are dropped and counted.
 *
 * <p>Packet identifiers: a PUBLISH under an identifier we hold is a redelivery only with DUP set
 * [MQTT-3.3.1-1]; without it, it is a new message from a server that reuses identifiers too early
 * (Mosquitto 2.0.11 does) and is delivered. A server that retransmitted without DUP would get a
 * duplicate from us rather than a loss.
 *
 * <p>Session-scoped: one instance per client, added to each connection's pipeline in turn; state is
 * touched on the client's event loop only.
 */
@ChannelHandler.Sharable
final class IncomingQosHandler extends ChannelDuplexHandler {

  static final String NAME = "incoming-qos";

  private static final Logger LOG = LoggerFactory.getLogger(IncomingQosHandler.class);

  private final boolean mqtt5;
  private final int receiveMaximum;
  private final int maximumQueuedQos0;
  private final boolean manualAcknowledgement;
  private final MessageRouter router;
  private final Callbacks callbacks;
  private final ClientCounters counters;
  private final EventExecutor eventLoop;
  private final AtomicInteger queuedQos0 = new AtomicInteger();
  /** Flows the application acknowledged, from any thread, not yet taken over by the event loop. */
  private final Queue<IncomingFlow> acknowledged = PlatformDependent.newMpscQueue();
  private final AtomicBoolean takeOverScheduled = new AtomicBoolean();

  // Session-scoped: QoS 1 and 2 flows by packet id, until PUBACK sent / PUBREL received.
  private final PacketIdMap<IncomingFlow> flows = new PacketIdMap<>();

  // Connection-scoped.
  private ChannelHandlerContext ctx;
  private final ArrayDeque<IncomingFlow> ackQueue = new ArrayDeque<>();
  private boolean readsPaused;
  private boolean warnedReceiveMaximum;
  private boolean warnedReusedPacketId;
  /** Flows in {@link #flows} that wait for the application (see {@link #waitsForApplication}). */
  private int waitingForApplication;

  IncomingQosHandler(boolean mqtt5, int receiveMaximum, int maximumQueuedQos0,
      boolean manualAcknowledgement, MessageRouter router, Callbacks callbacks,
      ClientCounters counters, EventExecutor eventLoop) {
    this.mqtt5 = mqtt5;
    this.receiveMaximum = receiveMaximum;
    this.maximumQueuedQos0 = maximumQueuedQos0;
    this.manualAcknowledgement = manualAcknowledgement;
    this.router = router;
    this.callbacks = callbacks;
    this.counters = counters;
    this.eventLoop = eventLoop;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof ConnectionSettings settings) {
      this.ctx = ctx;
      forgetAckQueue();
      readsPaused = false;
      warnedReceiveMaximum = false;
      warnedReusedPacketId = false;
      if (!settings.sessionPresent()) {
        // [MQTT-3.2.2-5]: no session on the server, so ours is void; the server will not resend.
        flows.clear();
        waitingForApplication = 0;
      }
      // Reads start even when the resumed session is at the bound: the redeliveries must be read
      // before the application's acknowledgements of them can go out.
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (this.ctx == ctx) {
      this.ctx = null;
      forgetAckQueue();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof PublishPacket publish) {
      onPublish(publish);
    } else if (msg instanceof PubrelPacket pubrel) {
      onPubrel(pubrel);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void onPublish(PublishPacket publish) {
    MqttQos qos = publish.message().qos();
    if (LOG.isTraceEnabled()) {
      LOG.trace("PUBLISH in: {} id={} dup={} payload={}", publish.message(), publish.packetId(),
          publish.duplicate(), publish.message().payloadAsString());
    }
    if (qos == MqttQos.AT_MOST_ONCE) {
      onQos0(publish);
      return;
    }
    IncomingFlow known = flows.get(publish.packetId());
    if (known != null && !publish.duplicate()) {
      // A new message under an identifier we still hold: a redelivery carries DUP
      // [MQTT-3.3.1-1], and a server may not reuse the identifier before the flow ends
      // [MQTT-2.2.1-3], but Mosquitto 2.0.11 numbers a session's messages when it queues them,
      // so they wrap after 65,535. Taking it for a redelivery would lose it: deliver it. The
      // earlier flow keeps its place in the acknowledgement queue and sends its own ack.
      boolean before = waitsForApplication(known);
      flows.remove(publish.packetId());
      recount(known, before);
      if (!warnedReusedPacketId) {
        warnedReusedPacketId = true;
        LOG.warn("Server sent a new message (DUP clear) under packet id {}, which an earlier"
            + " message still holds; delivering both", publish.packetId());
      }
      known = null;
    }
    if (known != null) {
      // A redelivery of a message we still hold: the application has it (or had it) already.
      // Queue its acknowledgement in arrival order; never deliver it twice.
      boolean before = waitsForApplication(known);
      if (known.qos == MqttQos.EXACTLY_ONCE && known.state == IncomingFlow.State.PUBREC_SENT) {
        known.state = IncomingFlow.State.ACKNOWLEDGED;
      }
      enqueueAck(known);
      recount(known, before);
      drainAcks();
      pauseReadsAtBound();
      return;
    }
    if (mqtt5 && flows.size() >= receiveMaximum && !warnedReceiveMaximum) {
      // [MQTT-3.3.4-9] allows a DISCONNECT 0x93 here, but Mosquitto 2.0.11 overshoots our Receive
      // Maximum; disconnecting would loop. Reading is paused below instead, which bounds memory.
      warnedReceiveMaximum = true;
      LOG.warn("Server exceeded our Receive Maximum {}; pausing reads instead", receiveMaximum);
    }
    counters.received.increment();
    List<MqttMessageHandler> handlers = router.route(publish);
    IncomingFlow flow = new IncomingFlow(publish.packetId(), qos, Math.max(1, handlers.size()),
        this::acknowledgedByApplication);
    flows.put(flow.packetId, flow);
    enqueueAck(flow);
    recount(flow, false);
    if (handlers.isEmpty()) {
      counters.dropped.increment();
      flow.state = IncomingFlow.State.ACKNOWLEDGED;
      drainAcks();
    } else {
      dispatch(publish, handlers, flow, !manualAcknowledgement);
    }
    pauseReadsAtBound();
  }

  private void pauseReadsAtBound() {
    if (!readsPaused && waitingForApplication >= receiveMaximum && ctx != null) {
      // 3.x has no Receive Maximum (and a 5.0 server may overshoot it): stop reading until the
      // application catches up. The ping handler knows not to call the link dead meanwhile.
      readsPaused = true;
      ctx.channel().config().setAutoRead(false);
      LOG.debug("{} messages wait for the application: pausing reads", waitingForApplication);
    }
  }

  /**
   * Whether a flow counts towards the read bound: it is in the session and waits for the
   * application, either for its acknowledgement or for an earlier message's in the queue.
   */
  private boolean waitsForApplication(IncomingFlow flow) {
    return flows.get(flow.packetId) == flow
        && (flow.state == IncomingFlow.State.DELIVERED
            || flow.state == IncomingFlow.State.ACKNOWLEDGED && flow.queuedForAck);
  }

  /** Adjusts the read bound's count after {@code flow} changed; {@code before} as it was. */
  private void recount(IncomingFlow flow, boolean before) {
    boolean after = waitsForApplication(flow);
    if (before != after) {
      waitingForApplication += after ? 1 : -1;
    }
  }

  private void forgetAckQueue() {
    for (IncomingFlow flow : ackQueue) {
      boolean before = waitsForApplication(flow);
      flow.queuedForAck = false;
      recount(flow, before);
    }
    ackQueue.clear();
  }

  private void onQos0(PublishPacket publish) {
    counters.received.increment();
    List<MqttMessageHandler> handlers = router.route(publish);
    if (handlers.isEmpty() || queuedQos0.get() >= maximumQueuedQos0) {
      counters.dropped.increment();
      return;
    }
    queuedQos0.incrementAndGet();
    IncomingFlow flow = new IncomingFlow(0, MqttQos.AT_MOST_ONCE, handlers.size(),
        done -> queuedQos0.decrementAndGet());
    dispatch(publish, handlers, flow, true);
  }

  private void dispatch(PublishPacket publish, List<MqttMessageHandler> handlers,
      IncomingFlow flow, boolean ackWhenHandled) {
    for (MqttMessageHandler handler : handlers) {
      ReceivedMessage received = new ReceivedMessage(publish.message(), publish.duplicate(),
          publish.subscriptionIdentifiers(), flow);
      callbacks.run(() -> {
        try {
          handler.onMessage(received);
        } catch (RuntimeException e) {
          LOG.warn("Message handler failed on {}", publish.message(), e);
        } finally {
          if (ackWhenHandled) {
            received.acknowledge();
          }
        }
      });
    }
  }

  /**
   * Any thread: the application acknowledged the flow; continue on the event loop. Acknowledgements
   * given in a burst are taken over by one event loop task.
   */
  private void acknowledgedByApplication(IncomingFlow flow) {
    acknowledged.add(flow);
    if (!takeOverScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      eventLoop.execute(this::takeOverAcknowledgements);
    } catch (RejectedExecutionException e) {
      // The client is closed: nothing is sent any more; the server redelivers to the session.
      LOG.debug("Acknowledgement after close ignored for packet {}", flow.packetId);
    }
  }

  /** Event loop: applies the acknowledgements queued by {@link #acknowledgedByApplication}. */
  private void takeOverAcknowledgements() {
    takeOverScheduled.set(false);
    for (IncomingFlow flow; (flow = acknowledged.poll()) != null; ) {
      boolean before = waitsForApplication(flow);
      if (flow.state == IncomingFlow.State.DELIVERED) {
        flow.state = IncomingFlow.State.ACKNOWLEDGED;
      }
      recount(flow, before);
    }
    drainAcks();
    // A resumed session's message acknowledged before its redelivery was read no longer
    // holds reads: reading brings the redelivery, and then its PUBACK goes out.
    resumeReadsIfBelowBound();
  }

  private void enqueueAck(IncomingFlow flow) {
    if (!flow.queuedForAck) {
      flow.queuedForAck = true;
      ackQueue.add(flow);
    }
  }

  /** Sends the acknowledgements at the head of the queue that the application has given. */
  private void drainAcks() {
    if (ctx == null) {
      return;
    }
    boolean wrote = false;
    while (!ackQueue.isEmpty() && (ackQueue.peek().state == IncomingFlow.State.ACKNOWLEDGED
        || ackQueue.peek().state == IncomingFlow.State.COMPLETED)) {
      IncomingFlow flow = ackQueue.poll();
      boolean before = waitsForApplication(flow);
      flow.queuedForAck = false;
      if (flow.state == IncomingFlow.State.COMPLETED) {
        continue; // its PUBREL came first: nothing left to send
      }
      if (flow.qos == MqttQos.AT_LEAST_ONCE) {
        if (flows.get(flow.packetId) == flow) {
          flows.remove(flow.packetId); // else a newer message holds the id now (see onPublish)
        }
        ctx.write(PubackPacket.of(flow.packetId));
      } else {
        flow.state = IncomingFlow.State.PUBREC_SENT;
        flow.pubrecSent = true;
        ctx.write(PubrecPacket.of(flow.packetId));
      }
      recount(flow, before);
      wrote = true;
    }
    if (wrote) {
      ctx.flush();
      resumeReadsIfBelowBound();
    }
  }

  private void onPubrel(PubrelPacket pubrel) {
    IncomingFlow flow = flows.get(pubrel.packetId());
    MqttReasonCode code = MqttReasonCode.SUCCESS;
    if (flow == null) {
      // Already completed (PUBCOMP lost with the connection) or never seen: answer all the same.
      code = mqtt5 ? MqttReasonCode.PACKET_IDENTIFIER_NOT_FOUND : MqttReasonCode.SUCCESS;
    } else if (flow.qos == MqttQos.EXACTLY_ONCE && flow.pubrecSent
        && (flow.state == IncomingFlow.State.PUBREC_SENT
            || flow.state == IncomingFlow.State.ACKNOWLEDGED)) {
      // ACKNOWLEDGED: the server redelivered the PUBLISH, which put our PUBREC in the queue
      // again, yet it had our PUBREC of an earlier connection after all. Either way the
      // application acknowledged the message: the flow ends here. Ignoring the PUBREL instead
      // would leave the identifier held for good, and Mosquitto reuses identifiers.
      boolean before = waitsForApplication(flow);
      flows.remove(pubrel.packetId());
      if (flow.state == IncomingFlow.State.ACKNOWLEDGED) {
        flow.state = IncomingFlow.State.COMPLETED;
      }
      recount(flow, before);
    } else {
      // No PUBREC of ours went out for the message holding this identifier (or it is QoS 1),
      // so this PUBREL ends an earlier message under the same identifier (see onPublish).
      // Complete that one on the server and keep ours.
      LOG.debug("PUBREL for packet {}, held by a message not yet acknowledged", pubrel.packetId());
    }
    ctx.writeAndFlush(new PubcompPacket(pubrel.packetId(), code, ReasonProperties.NONE));
    drainAcks();
    resumeReadsIfBelowBound();
  }

  private void resumeReadsIfBelowBound() {
    if (readsPaused && waitingForApplication < receiveMaximum && ctx != null) {
      readsPaused = false;
      ctx.channel().config().setAutoRead(true);
      LOG.debug("Below {} unacknowledged messages: reading again", receiveMaximum);
    }
  }

  /** Whether reads are paused for flow control (the ping handler then does not call it dead). */
  boolean readsPaused() {
    return readsPaused;
  }

  /** For tests and metrics: QoS 1 and 2 messages held in the session. */
  int unacknowledged() {
    return flows.size();
  }

  /** For tests: QoS 1 and 2 messages that count towards the read bound. */
  int waitingForApplication() {
    return waitingForApplication;
  }
}
