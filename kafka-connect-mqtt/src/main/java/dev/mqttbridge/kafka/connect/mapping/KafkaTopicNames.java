package dev.mqttbridge.kafka.connect.mapping;

import java.util.Optional;

/**
 * Turns rendered template text into a Kafka topic name. The rule, documented for users: {@code /}
 * becomes {@code .}, every other character outside {@code [a-zA-Z0-9._-]} becomes {@code _} (one
 * per code point), the result is cut to 249 characters, and the names {@code .}, {@code ..} and
 * the empty name are illegal.
 */
public final class KafkaTopicNames {

  /** Kafka's limit on topic name length. */
  public static final int MAX_LENGTH = 249;

  private KafkaTopicNames() {}

  /** The sanitised name, or empty when the result is illegal ({@code ""}, {@code .}, {@code ..}). */
  public static Optional<String> sanitise(String raw) {
    StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
    for (int i = 0; i < raw.length() && out.length() < MAX_LENGTH; ) {
      int codePoint = raw.codePointAt(i);
      i += Character.charCount(codePoint);
      out.append(codePoint == '/' ? '.' : isLegal(codePoint) ? (char) codePoint : '_');
    }
    String name = out.toString();
    return isLegalName(name) ? Optional.of(name) : Optional.empty();
  }

  /** Whether Kafka accepts this as a topic name. */
  public static boolean isLegalName(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH || name.equals(".") || name.equals("..")) {
      return false;
    }
    return name.chars().allMatch(KafkaTopicNames::isLegal);
  }

  /**
   * The key under which Kafka considers two names to collide: it refuses a topic whose name equals
   * an existing one once {@code .} is replaced by {@code _}.
   */
  public static String collisionKey(String name) {
    return name.replace('.', '_');
  }

  private static boolean isLegal(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-';
  }
}
