package dev.mqttbridge.mqtt.internal.broker.retained;

import dev.mqttbridge.mqtt.topic.TopicFilter;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The default {@link RetainedMessageStore}: a concurrent map by topic. A filter without wildcards
 * is one lookup; a wildcard filter scans every retained message, which is fine for the thousands of
 * retained topics an embedded broker sees, not for millions.
 */
public final class InMemoryRetainedMessageStore implements RetainedMessageStore {

  private final ConcurrentMap<String, RetainedMessage> byTopic = new ConcurrentHashMap<>();

  @Override
  public void put(RetainedMessage message) {
    byTopic.put(message.message().topic(), message);
  }

  @Override
  public void remove(String topic) {
    byTopic.remove(topic);
  }

  @Override
  public List<RetainedMessage> matching(TopicFilter filter) {
    if (!filter.hasWildcards()) {
      RetainedMessage message = byTopic.get(filter.filter());
      return message == null ? List.of() : List.of(message);
    }
    List<RetainedMessage> matches = new ArrayList<>();
    for (RetainedMessage message : byTopic.values()) {
      if (filter.matches(TopicName.of(message.message().topic()))) {
        matches.add(message);
      }
    }
    return matches;
  }

  @Override
  public int size() {
    return byTopic.size();
  }
}
