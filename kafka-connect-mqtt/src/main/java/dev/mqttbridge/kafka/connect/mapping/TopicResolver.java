package dev.mqttbridge.kafka.connect.mapping;

import dev.mqttbridge.kafka.connect.mapping.TopicDecision.Refusal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides the Kafka topic of a matched message: renders the route's template, sanitises it (see
 * {@link KafkaTopicNames}), checks {@code kafka.topic.allowed}, and refuses a name that collides in
 * Kafka's {@code .}/{@code _} rule with a different name this resolver already accepted.
 *
 * <p>Thread-safe: the slots of a task receive on different threads. The collision check only
 * knows the names this resolver saw (and the reserved ones it was given, such as the errors
 * topic), not topics other tasks or applications created.
 */
public final class TopicResolver {

  private final Pattern allowed;
  /** Collision key to the first name accepted with it. */
  private final Map<String, String> namesByCollisionKey = new ConcurrentHashMap<>();

  /**
   * @param allowed the full-match pattern of allowed topics, or null to allow every legal name
   * @param reservedNames names the resolver must treat as already in use, e.g. the errors topic
   */
  public TopicResolver(Pattern allowed, Iterable<String> reservedNames) {
    this.allowed = allowed;
    for (String name : reservedNames) {
      namesByCollisionKey.putIfAbsent(KafkaTopicNames.collisionKey(name), name);
    }
  }

  /** The decision for a message that matched this template. */
  public TopicDecision resolve(Template template, TopicMatch match) {
    String raw = template.render(match);
    Optional<String> sanitised = KafkaTopicNames.sanitise(raw);
    if (sanitised.isEmpty()) {
      return TopicDecision.refused(raw, Refusal.TOPIC_ILLEGAL);
    }
    String name = sanitised.get();
    if (allowed != null && !allowed.matcher(name).matches()) {
      return TopicDecision.refused(raw, Refusal.TOPIC_NOT_ALLOWED);
    }
    String first = namesByCollisionKey.putIfAbsent(KafkaTopicNames.collisionKey(name), name);
    if (first != null && !first.equals(name)) {
      return TopicDecision.refused(raw, Refusal.TOPIC_COLLISION);
    }
    return TopicDecision.accepted(raw, name);
  }
}
