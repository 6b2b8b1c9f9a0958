package dev.mqttbridge.mqtt.internal.broker.session;

import dev.mqttbridge.mqtt.broker.OfflineQueuePolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The in-memory {@link MessageQueue}: a bounded FIFO that drops by an {@link OfflineQueuePolicy}. */
public final class BoundedMessageQueue implements MessageQueue {

  private final ArrayDeque<OutgoingMessage> messages = new ArrayDeque<>();
  private final int capacity;
  private final OfflineQueuePolicy policy;

  /** A queue of at most {@code capacity} messages (0 keeps none). */
  public BoundedMessageQueue(int capacity, OfflineQueuePolicy policy) {
    if (capacity < 0) {
      throw new IllegalArgumentException("Queue capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    this.policy = policy;
  }

  @Override
  public OutgoingMessage offer(OutgoingMessage message) {
    if (messages.size() < capacity) {
      messages.addLast(message);
      return null;
    }
    if (policy == OfflineQueuePolicy.DROP_NEWEST || capacity == 0) {
      return message;
    }
    OutgoingMessage oldest = messages.pollFirst();
    messages.addLast(message);
    return oldest;
  }

  @Override
  public OutgoingMessage poll() {
    return messages.pollFirst();
  }

  @Override
  public int size() {
    return messages.size();
  }

  @Override
  public List<OutgoingMessage> drain() {
    List<OutgoingMessage> all = new ArrayList<>(messages);
    messages.clear();
    return all;
  }
}
