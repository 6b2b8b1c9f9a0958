package dev.mqttbridge.mqtt.internal.broker;

import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's running totals, bumped from event loops and session threads without locks. Read
 * as a snapshot by {@code MqttBroker.metrics()}; the reads of different counters are not atomic
 * together, which is fine for monitoring.
 */
public final class BrokerCounters {

  private final LongAdder connectedClients = new LongAdder();
  private final LongAdder messagesReceived = new LongAdder();
  private final LongAdder messagesSent = new LongAdder();
  private final LongAdder messagesDropped = new LongAdder();
  private final LongAdder bytesReceived = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();

  /** A client completed CONNECT ({@code +1}) or its connection ended ({@code -1}). */
  public void connectedClients(int change) {
    connectedClients.add(change);
  }

  /** An application message arrived from a client (a PUBLISH, counted once for QoS 2). */
  public void messageReceived() {
    messagesReceived.increment();
  }

  /** A PUBLISH was written to a client. */
  public void messageSent() {
    messagesSent.increment();
  }

  /** A message was not delivered: a full queue, a slow QoS 0 reader, too large for a client. */
  public void messageDropped() {
    messagesDropped.increment();
  }

  public void bytesReceived(long bytes) {
    bytesReceived.add(bytes);
  }

  public void bytesSent(long bytes) {
    bytesSent.add(bytes);
  }

  public long connectedClients() {
    return connectedClients.sum();
  }

  public long messagesReceived() {
    return messagesReceived.sum();
  }

  public long messagesSent() {
    return messagesSent.sum();
  }

  public long messagesDropped() {
    return messagesDropped.sum();
  }

  public long bytesReceived() {
    return bytesReceived.sum();
  }

  public long bytesSent() {
    return bytesSent.sum();
  }
}
