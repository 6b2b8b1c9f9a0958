package dev.mqttbridge.mqtt.topic;

import java.util.List;
import java.util.Objects;

/**
 * The topic name of a PUBLISH: an immutable, validated MQTT topic name.
 *
 * <p>Valid per MQTT 3.1.1 and 5.0 (sections 1.5.3, 4.7): at least one character, at most 65,535
 * bytes once UTF-8 encoded, no U+0000, no unpaired surrogate, and no wildcard character ({@code +}
 * or {@code #}). Levels are separated by {@code /} and may be empty: {@code "/finance"} has the
 * levels {@code ""} and {@code "finance"}. Topic names are case sensitive and compared by their
 * text.
 *
 * <p>Topic names starting with {@code $} are {@linkplain #isSystemTopic() system topics}: filters
 * starting with a wildcard never match them.
 */
public final class TopicName {

  private static final String KIND = "topic name";

  private final String text;

  /** Computed on first use: most topic names are only carried, not matched level by level. */
  private List<String> levels;

  private TopicName(String text) {
    this.text = text;
  }

  /**
   * Validates a topic name.
   *
   * @param text the topic name as sent on the wire
   * @return the topic name
   * @throws InvalidTopicException if the text breaks a rule; the message says which and where
   * @throws NullPointerException if text is null
   */
  public static TopicName of(String text) {
    Objects.requireNonNull(text, "text");
    TopicText.checkCommonRules(KIND, text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+' || c == '#') {
        throw TopicText.invalid(
            KIND,
            text,
            "the wildcard '" + c + "' is not allowed in a topic name (at index " + i + ")");
      }
    }
    return new TopicName(text);
  }

  /**
   * The levels between the {@code /} separators, empty levels included ({@code "a//b"} has three
   * levels, {@code "/"} has two empty ones).
   *
   * @return an immutable list of at least one level
   */
  public List<String> levels() {
    // Racy single-check: the list is immutable and safely published through its final fields, so
    // a thread that sees null just computes an equal list again.
    List<String> result = levels;
    if (result == null) {
      result = TopicText.splitLevels(text);
      levels = result;
    }
    return result;
  }

  /**
   * Whether this is a system topic: one that starts with {@code $}, such as {@code $SYS/uptime}.
   * Filters that start with {@code #} or {@code +} never match it [MQTT-4.7.2-1].
   *
   * @return true if the first character is {@code $}
   */
  public boolean isSystemTopic() {
    return text.charAt(0) == '$';
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TopicName && text.equals(((TopicName) other).text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The topic name text, exactly as given to {@link #of(String)}. */
  @Override
  public String toString() {
    return text;
  }
}
