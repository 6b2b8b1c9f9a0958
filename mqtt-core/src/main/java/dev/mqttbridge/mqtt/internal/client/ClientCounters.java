package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.client.MqttClientMetrics;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The client's counters: written on the event loop (and by callback threads), read anywhere. */
final class ClientCounters {

  final LongAdder published = new LongAdder();
  final LongAdder acknowledged = new LongAdder();
  final LongAdder received = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder reconnects = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder bytesOut = new LongAdder();
  /** QoS 1 and 2 publishes sent and not yet completed. */
  final AtomicInteger inflight = new AtomicInteger();
  /** Publishes accepted by {@code publish} that are not yet written or inflight. */
  final AtomicInteger pending = new AtomicInteger();
  /** Publishes accepted by {@code publishWhenRoom} that are not yet in the pending queue. */
  final AtomicInteger waiting = new AtomicInteger();

  MqttClientMetrics snapshot() {
    return new MqttClientMetrics(published.sum(), acknowledged.sum(), inflight.get(), pending.get(),
        received.sum(), dropped.sum(), reconnects.sum(), bytesIn.sum(), bytesOut.sum());
  }
}
