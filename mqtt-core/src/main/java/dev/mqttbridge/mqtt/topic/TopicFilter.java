package dev.mqttbridge.mqtt.topic;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The topic filter of a subscription: an immutable, validated MQTT topic filter, possibly a shared
 * subscription.
 *
 * <p>Valid per MQTT 3.1.1 and 5.0 (sections 1.5.3, 4.7, 4.8.2): at least one character, at most
 * 65,535 bytes once UTF-8 encoded, no U+0000, no unpaired surrogate; the multi-level wildcard
 * {@code #} only as the whole last level, the single-level wildcard {@code +} only as a whole
 * level.
 *
 * <p>A filter starting with {@code $share/} is a shared subscription {@code
 * $share/{ShareName}/{filter}}: the share name is at least one character and contains none of
 * {@code /}, {@code +}, {@code #}; the filter after it is a non-empty topic filter. Matching uses
 * only that {@linkplain #filter() effective filter}; the prefix plays no part in it.
 *
 * <p>Matching follows section 4.7: {@code #} also matches the parent level ({@code sport/#} matches
 * {@code sport}), {@code +} matches exactly one level, which may be empty ({@code sport/+} matches
 * {@code sport/} but not {@code sport}), and a filter whose first level is a wildcard never matches
 * a topic name starting with {@code $} [MQTT-4.7.2-1].
 */
public final class TopicFilter {

  private static final String KIND = "topic filter";
  private static final String SHARE_PREFIX = "$share/";
  private static final String MULTI_LEVEL_WILDCARD = "#";
  private static final String SINGLE_LEVEL_WILDCARD = "+";

  private final String text;
  private final String shareName;
  private final String filter;
  private final List<String> levels;
  private final boolean wildcards;

  private TopicFilter(
      String text, String shareName, String filter, List<String> levels, boolean wildcards) {
    this.text = text;
    this.shareName = shareName;
    this.filter = filter;
    this.levels = levels;
    this.wildcards = wildcards;
  }

  /**
   * Validates a topic filter, parsing a shared subscription prefix if there is one.
   *
   * @param text the topic filter as sent in a SUBSCRIBE
   * @return the topic filter
   * @throws InvalidTopicException if the text breaks a rule; the message says which and where
   * @throws NullPointerException if text is null
   */
  public static TopicFilter of(String text) {
    Objects.requireNonNull(text, "text");
    TopicText.checkCommonRules(KIND, text);
    String shareName = null;
    int filterStart = 0;
    if (text.startsWith(SHARE_PREFIX)) {
      int separator = text.indexOf(TopicText.LEVEL_SEPARATOR, SHARE_PREFIX.length());
      shareName = text.substring(SHARE_PREFIX.length(), separator < 0 ? text.length() : separator);
      checkShareName(text, shareName);
      if (separator < 0 || separator == text.length() - 1) {
        throw TopicText.invalid(
            KIND,
            text,
            "a shared subscription needs a topic filter after the share name"
                + " ($share/{ShareName}/{filter})");
      }
      filterStart = separator + 1;
    }
    String filter = text.substring(filterStart);
    List<String> levels = TopicText.splitLevels(filter);
    boolean wildcards = checkWildcards(text, levels, filterStart);
    return new TopicFilter(text, shareName, filter, levels, wildcards);
  }

  private static void checkShareName(String text, String shareName) {
    if (shareName.isEmpty()) {
      throw TopicText.invalid(KIND, text, "the share name must be at least one character long");
    }
    for (int i = 0; i < shareName.length(); i++) {
      char c = shareName.charAt(i);
      if (c == '+' || c == '#') {
        throw TopicText.invalid(
            KIND,
            text,
            "the share name must not contain '"
                + c
                + "' (at index "
                + (SHARE_PREFIX.length() + i)
                + ")");
      }
    }
  }

  /** Checks wildcard placement; returns whether there is any wildcard. */
  private static boolean checkWildcards(String text, List<String> levels, int filterStart) {
    boolean wildcards = false;
    int levelStart = filterStart;
    for (int i = 0; i < levels.size(); i++) {
      String level = levels.get(i);
      int multi = level.indexOf('#');
      if (multi >= 0) {
        if (level.length() != 1) {
          throw TopicText.invalid(
              KIND,
              text,
              "'#' must occupy a whole level (at index " + (levelStart + multi) + ")");
        }
        if (i != levels.size() - 1) {
          throw TopicText.invalid(
              KIND, text, "'#' must be the last level (at index " + levelStart + ")");
        }
        wildcards = true;
      }
      int single = level.indexOf('+');
      if (single >= 0) {
        if (level.length() != 1) {
          throw TopicText.invalid(
              KIND,
              text,
              "'+' must occupy a whole level (at index " + (levelStart + single) + ")");
        }
        wildcards = true;
      }
      levelStart += level.length() + 1;
    }
    return wildcards;
  }

  /**
   * Whether this is a shared subscription ({@code $share/{ShareName}/{filter}}).
   *
   * @return true if the filter starts with {@code $share/}
   */
  public boolean isShared() {
    return shareName != null;
  }

  /**
   * The share name of a shared subscription.
   *
   * @return the share name, or empty if this is not a shared subscription
   */
  public Optional<String> shareName() {
    return Optional.ofNullable(shareName);
  }

  /**
   * The effective filter that topic names are matched against: the text after {@code
   * $share/{ShareName}/} for a shared subscription, otherwise the whole text.
   *
   * @return the effective filter text
   */
  public String filter() {
    return filter;
  }

  /**
   * The levels of the {@linkplain #filter() effective filter}, empty levels and wildcards
   * included.
   *
   * @return an immutable list of at least one level
   */
  public List<String> levels() {
    return levels;
  }

  /**
   * Whether the effective filter contains {@code +} or {@code #}.
   *
   * @return true if this filter can match more than one topic name
   */
  public boolean hasWildcards() {
    return wildcards;
  }

  /**
   * Whether a topic name matches this filter (section 4.7; the share prefix plays no part).
   *
   * @param topic the topic name of a PUBLISH
   * @return true if a message published to the topic is delivered to this subscription
   */
  public boolean matches(TopicName topic) {
    String name = topic.toString();
    if (topic.isSystemTopic() && isWildcard(levels.get(0))) {
      return false; // [MQTT-4.7.2-1]
    }
    // Walks the name without splitting it; start is the current level's first index, and is past
    // the end once every level of the name is consumed.
    int start = 0;
    for (String level : levels) {
      if (level.equals(MULTI_LEVEL_WILDCARD)) {
        return true; // the rest of the name, including no level at all
      }
      if (start > name.length()) {
        return false;
      }
      int end = name.indexOf(TopicText.LEVEL_SEPARATOR, start);
      if (end < 0) {
        end = name.length();
      }
      boolean levelMatches =
          level.equals(SINGLE_LEVEL_WILDCARD)
              || (level.length() == end - start && name.startsWith(level, start));
      if (!levelMatches) {
        return false;
      }
      start = end + 1;
    }
    return start > name.length();
  }

  /**
   * Whether a topic name matches this filter; the same as {@code matches(TopicName.of(topic))}.
   *
   * @param topic the topic name text
   * @return true if a message published to the topic is delivered to this subscription
   * @throws InvalidTopicException if topic is not a valid topic name
   */
  public boolean matches(String topic) {
    return matches(TopicName.of(topic));
  }

  /**
   * Whether some topic name matches both this filter and the other (effective filters compared;
   * share names play no part). For example {@code a/+} and {@code +/b} overlap on {@code a/b},
   * {@code a/#} and {@code a} overlap on {@code a}, while {@code #} and {@code $SYS/#} do not
   * overlap because {@code #} never matches a topic starting with {@code $}.
   *
   * @param other another filter
   * @return true if at least one topic name matches both filters
   */
  public boolean overlaps(TopicFilter other) {
    List<String> mine = levels;
    List<String> theirs = other.levels;
    // [MQTT-4.7.2-1]: a leading wildcard covers only topics not starting with '$', while a literal
    // first level decides whether the topic starts with '$'.
    if ((isWildcard(mine.get(0)) && theirs.get(0).startsWith("$"))
        || (isWildcard(theirs.get(0)) && mine.get(0).startsWith("$"))) {
      return false;
    }
    for (int i = 0; ; i++) {
      boolean mineEnded = i == mine.size();
      boolean theirsEnded = i == theirs.size();
      if (mineEnded || theirsEnded) {
        // The common topic has exactly i levels: only a trailing '#' can match the parent level
        // where the other filter stops. With i == 1 that one level must not be empty, because
        // the empty string is no topic name ('+' against "/#" has no common topic).
        boolean sameLength =
            (mineEnded && theirsEnded)
                || (mineEnded && theirs.get(i).equals(MULTI_LEVEL_WILDCARD))
                || (theirsEnded && mine.get(i).equals(MULTI_LEVEL_WILDCARD));
        boolean emptyTopic = i == 1 && (mine.get(0).isEmpty() || theirs.get(0).isEmpty());
        return sameLength && !emptyTopic;
      }
      String a = mine.get(i);
      String b = theirs.get(i);
      if (a.equals(MULTI_LEVEL_WILDCARD) || b.equals(MULTI_LEVEL_WILDCARD)) {
        return true; // every remaining level of the other filter can be satisfied by some name
      }
      if (!a.equals(SINGLE_LEVEL_WILDCARD) && !b.equals(SINGLE_LEVEL_WILDCARD) && !a.equals(b)) {
        return false;
      }
    }
  }

  private static boolean isWildcard(String level) {
    return level.equals(MULTI_LEVEL_WILDCARD) || level.equals(SINGLE_LEVEL_WILDCARD);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TopicFilter && text.equals(((TopicFilter) other).text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The topic filter text, exactly as given to {@link #of(String)}, share prefix included. */
  @Override
  public String toString() {
    return text;
  }
}
