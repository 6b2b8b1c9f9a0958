package dev.mqttbridge.kafka.connect.mapping;

import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A topic filter as users write it in {@code mqtt.topics}: an MQTT filter in which a whole level
 * written {@code {name}} subscribes as {@code +} and captures that level, e.g. {@code
 * plant/{site}/line/{line}/#}. Immutable.
 */
public final class FilterTemplate {

  /** Names a capture may have: they must not clash with the built-in variables. */
  static final Pattern CAPTURE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final String text;
  private final TopicFilter filter;
  /** Per level of the filter: the capture name, or null for a plain level. */
  private final List<String> captureAtLevel;
  private final List<String> captureNames;

  private FilterTemplate(
      String text, TopicFilter filter, List<String> captureAtLevel, List<String> captureNames) {
    this.text = text;
    this.filter = filter;
    this.captureAtLevel = captureAtLevel;
    this.captureNames = captureNames;
  }

  /**
   * Parses a filter template.
   *
   * @throws IllegalArgumentException saying what is wrong: a shared-subscription prefix (the
   *     connector adds its own), a malformed or repeated capture, or an invalid MQTT filter
   */
  public static FilterTemplate parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith("$share/")) {
      throw new IllegalArgumentException("Filter '" + text
          + "' must not start with $share/: the connector always subscribes through"
          + " $share/{mqtt.shared.group}/ itself");
    }
    String[] levels = text.split("/", -1);
    List<String> captureAtLevel = new ArrayList<>(levels.length);
    List<String> names = new ArrayList<>();
    StringBuilder filter = new StringBuilder(text.length());
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      String capture = null;
      if (level.startsWith("{") && level.endsWith("}") && level.length() > 2) {
        capture = level.substring(1, level.length() - 1);
        if (!CAPTURE_NAME.matcher(capture).matches()) {
          throw new IllegalArgumentException("Filter '" + text + "': capture name '" + capture
              + "' must match " + CAPTURE_NAME.pattern());
        }
        if (names.contains(capture)) {
          throw new IllegalArgumentException(
              "Filter '" + text + "' captures '" + capture + "' twice");
        }
        names.add(capture);
        level = "+";
      } else if (level.contains("{") || level.contains("}")) {
        throw new IllegalArgumentException("Filter '" + text + "': a capture {name} must be a"
            + " whole level, found '" + level + "'");
      }
      captureAtLevel.add(capture);
      if (i > 0) {
        filter.append('/');
      }
      filter.append(level);
    }
    TopicFilter topicFilter;
    try {
      topicFilter = TopicFilter.of(filter.toString());
    } catch (InvalidTopicException e) {
      throw new IllegalArgumentException("Filter '" + text + "': " + e.getMessage(), e);
    }
    return new FilterTemplate(text, topicFilter, Collections.unmodifiableList(captureAtLevel),
        List.copyOf(names));
  }

  /** The MQTT filter this template subscribes as, captures replaced by {@code +}. */
  public TopicFilter filter() {
    return filter;
  }

  /** The capture names, in level order. */
  public List<String> captureNames() {
    return captureNames;
  }

  /** Whether the filter ends with the multi-level wildcard {@code #}. */
  public boolean hasMultiLevelWildcard() {
    List<String> levels = filter.levels();
    return levels.get(levels.size() - 1).equals("#");
  }

  /**
   * The captures of a topic name, or empty when the filter does not match it.
   *
   * @param topic a valid MQTT topic name
   */
  public Optional<TopicMatch> match(String topic) {
    if (!filter.matches(topic)) {
      return Optional.empty();
    }
    String[] topicLevels = topic.split("/", -1);
    Map<String, String> captures = new LinkedHashMap<>();
    String rest = "";
    List<String> filterLevels = filter.levels();
    for (int i = 0; i < filterLevels.size(); i++) {
      if (filterLevels.get(i).equals("#")) {
        rest = i < topicLevels.length
            ? String.join("/", List.of(topicLevels).subList(i, topicLevels.length))
            : "";
        break;
      }
      String name = captureAtLevel.get(i);
      if (name != null) {
        captures.put(name, topicLevels[i]);
      }
    }
    return Optional.of(new TopicMatch(topic, captures, rest));
  }

  /** The template as written. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FilterTemplate && text.equals(((FilterTemplate) other).text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
