package dev.mqttbridge.kafka.connect.mapping;

import java.util.Objects;

/**
 * Where a message goes: its Kafka topic, or why it may not go there. Immutable.
 *
 * @param rawTarget the rendered template, before sanitising
 * @param topic the Kafka topic, or null when refused
 * @param refusal why the target was refused, or null when accepted
 */
public record TopicDecision(String rawTarget, String topic, Refusal refusal) {

  /** Why a target was refused; the code goes into the error record's headers. */
  public enum Refusal {
    /** The sanitised name does not match {@code kafka.topic.allowed}. */
    TOPIC_NOT_ALLOWED("topic.not.allowed"),
    /** Sanitising gave an illegal name ({@code .}, {@code ..} or empty). */
    TOPIC_ILLEGAL("topic.illegal"),
    /** Another name this task used differs only in {@code .} versus {@code _}. */
    TOPIC_COLLISION("topic.collision");

    private final String code;

    Refusal(String code) {
      this.code = code;
    }

    /** The code written in the {@code mqtt.error.reason} header. */
    public String code() {
      return code;
    }
  }

  public TopicDecision {
    Objects.requireNonNull(rawTarget, "rawTarget");
    if ((topic == null) == (refusal == null)) {
      throw new IllegalArgumentException("Exactly one of topic and refusal");
    }
  }

  static TopicDecision accepted(String rawTarget, String topic) {
    return new TopicDecision(rawTarget, topic, null);
  }

  static TopicDecision refused(String rawTarget, Refusal refusal) {
    return new TopicDecision(rawTarget, null, refusal);
  }

  /** Whether the message may go to {@link #topic()}. */
  public boolean isAccepted() {
    return refusal == null;
  }
}
