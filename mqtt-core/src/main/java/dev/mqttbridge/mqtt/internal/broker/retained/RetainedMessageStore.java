package dev.mqttbridge.mqtt.internal.broker.retained;

import dev.mqttbridge.mqtt.topic.TopicFilter;
import java.util.List;

/**
 * The retained message per topic (section 3.3.1.3): the seam for a persistent store. Safe for
 * concurrent use.
 */
public interface RetainedMessageStore {

  /** Stores the message as the one retained for its topic, replacing any earlier one. */
  void put(RetainedMessage message);

  /** Removes the message retained for this topic, if any. */
  void remove(String topic);

  /** The retained messages whose topic matches the filter (its effective filter). */
  List<RetainedMessage> matching(TopicFilter filter);

  /** The number of retained messages. */
  int size();
}
