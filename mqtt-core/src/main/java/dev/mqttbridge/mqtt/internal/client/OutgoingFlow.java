package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import java.util.concurrent.CompletableFuture;

/** One publish from {@code publish()} to its completion. Event loop only after creation. */
final class OutgoingFlow {

  enum State {
    /** Waiting for the inflight window or a connection. */
    PENDING,
    /** QoS 1 sent, waiting for PUBACK; QoS 2 sent, waiting for PUBREC. */
    AWAITING_ACK,
    /** QoS 2: PUBREL sent, waiting for PUBCOMP. */
    AWAITING_PUBCOMP
  }

  final MqttMessage message;
  final CompletableFuture<MqttPublishResult> future;
  /** For {@code publishWhenRoom}: completes when the flow enters the inflight window; else null. */
  final CompletableFuture<Void> entered;
  State state = State.PENDING;
  int packetId;
  /** Whether it was written at least once on some connection (a resend then sets DUP). */
  boolean sent;
  /** Inflight in a resumed session, waiting for room under the server's Receive Maximum. */
  boolean resendDue;
  /** The PUBREC's reason code, reported if the session is lost before PUBCOMP. */
  MqttReasonCode pubrecReasonCode = MqttReasonCode.SUCCESS;

  OutgoingFlow(MqttMessage message, CompletableFuture<MqttPublishResult> future) {
    this(message, future, null);
  }

  OutgoingFlow(MqttMessage message, CompletableFuture<MqttPublishResult> future,
      CompletableFuture<Void> entered) {
    this.message = message;
    this.future = future;
    this.entered = entered;
  }
}
