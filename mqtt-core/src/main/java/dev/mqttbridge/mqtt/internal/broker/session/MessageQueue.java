package dev.mqttbridge.mqtt.internal.broker.session;

import java.util.List;

/**
 * The messages waiting for delivery to one session: while it is offline, or while its client's
 * Receive Maximum is used up. A seam for persistent queues; one thread (the session's) uses it.
 */
public interface MessageQueue {

  /**
   * Adds a message at the tail.
   *
   * @return the message dropped to respect the capacity (the new one or the oldest), or
   *     {@code null} if nothing was dropped
   */
  OutgoingMessage offer(OutgoingMessage message);

  /** Removes and returns the head, or {@code null} when empty. */
  OutgoingMessage poll();

  /** The number of queued messages. */
  int size();

  /** Removes and returns everything, head first. */
  List<OutgoingMessage> drain();
}
