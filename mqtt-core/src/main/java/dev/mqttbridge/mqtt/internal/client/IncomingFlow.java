package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttQos;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One received PUBLISH on its way through the application. For QoS 1 and 2 it lives in the
 * session until PUBACK is sent (QoS 1) or PUBREL arrives (QoS 2), so that a redelivery with the same
 * packet identifier is recognised and not given to the application again.
 */
final class IncomingFlow {

  enum State {
    /** Given to the application, not yet acknowledged by it. */
    DELIVERED,
    /** Acknowledged by the application; PUBACK/PUBREC waits for earlier messages' acks. */
    ACKNOWLEDGED,
    /** QoS 2: PUBREC sent, waiting for PUBREL. */
    PUBREC_SENT,
    /**
     * QoS 2: PUBREL arrived while the PUBREC waited in the queue (the server had one from an
     * earlier connection); the queue skips it.
     */
    COMPLETED
  }

  final int packetId;
  final MqttQos qos;
  /** Event loop only. */
  State state = State.DELIVERED;
  /** Event loop only: whether the flow is in the current connection's acknowledgement queue. */
  boolean queuedForAck;
  /** Event loop only, QoS 2: whether a PUBREC of ours went out for it, on any connection. */
  boolean pubrecSent;

  private final AtomicInteger handlersLeft;
  private final Consumer<IncomingFlow> onAllAcknowledged;

  IncomingFlow(int packetId, MqttQos qos, int handlers,
      Consumer<IncomingFlow> onAllAcknowledged) {
    this.packetId = packetId;
    this.qos = qos;
    this.handlersLeft = new AtomicInteger(handlers);
    this.onAllAcknowledged = onAllAcknowledged;
  }

  /** Called from any thread, once per handler; the last one hands over to the event loop. */
  void handlerAcknowledged() {
    if (handlersLeft.decrementAndGet() == 0) {
      onAllAcknowledged.accept(this);
    }
  }
}
