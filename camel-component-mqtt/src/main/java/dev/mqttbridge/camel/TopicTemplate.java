package dev.mqttbridge.camel;

import dev.mqttbridge.mqtt.topic.TopicFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consumer's topic filter with named captures: {@code plant/{site}/#} subscribes {@code
 * plant/+/#} and, for a message on {@code plant/berlin/line1}, captures {@code site=berlin}. A
 * capture takes a whole level, like {@code +}. A shared subscription prefix ({@code
 * $share/group/}) is kept in the filter and plays no part in captures. Immutable.
 */
final class TopicTemplate {

  private final String subscriptionFilter;
  /** Capture name by level index of the effective filter. */
  private final Map<Integer, String> captures;

  private TopicTemplate(String subscriptionFilter, Map<Integer, String> captures) {
    this.subscriptionFilter = subscriptionFilter;
    this.captures = captures;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException if a capture is not a whole level, a name repeats, or the
   *     resulting filter is not a valid MQTT topic filter
   */
  static TopicTemplate parse(String template) {
    String prefix = "";
    String rest = template;
    if (template.startsWith("$share/")) {
      int slash = template.indexOf('/', "$share/".length());
      if (slash < 0) {
        throw new IllegalArgumentException("Shared subscription without a filter: " + template);
      }
      prefix = template.substring(0, slash + 1);
      rest = template.substring(slash + 1);
    }
    String[] levels = rest.split("/", -1);
    Map<Integer, String> captures = new LinkedHashMap<>();
    List<String> filterLevels = new ArrayList<>(levels.length);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.startsWith("{") && level.endsWith("}") && level.length() > 2) {
        String name = level.substring(1, level.length() - 1);
        if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
          throw new IllegalArgumentException("Bad capture '" + level + "' in " + template);
        }
        if (captures.containsValue(name)) {
          throw new IllegalArgumentException("Capture {" + name + "} repeats in " + template);
        }
        captures.put(i, name);
        filterLevels.add("+");
      } else if (level.indexOf('{') >= 0 || level.indexOf('}') >= 0) {
        throw new IllegalArgumentException(
            "A capture must be a whole level, like {name}: '" + level + "' in " + template);
      } else {
        filterLevels.add(level);
      }
    }
    String filter = prefix + String.join("/", filterLevels);
    TopicFilter.of(filter); // validates, with a message saying what is wrong
    return new TopicTemplate(filter, Collections.unmodifiableMap(captures));
  }

  /** The topic filter to subscribe: each capture replaced by {@code +}. */
  String subscriptionFilter() {
    return subscriptionFilter;
  }

  /** Whether the template has any capture. */
  boolean hasCaptures() {
    return !captures.isEmpty();
  }

  /**
   * The captured levels of a topic name the filter matched, by capture name; empty when the
   * template has no captures.
   */
  Map<String, String> capture(String topic) {
    if (captures.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    int level = 0;
    int start = 0;
    for (int i = 0; i <= topic.length(); i++) {
      if (i == topic.length() || topic.charAt(i) == '/') {
        String name = captures.get(level);
        if (name != null) {
          values.put(name, topic.substring(start, i));
        }
        level++;
        start = i + 1;
      }
    }
    return values;
  }

  @Override
  public String toString() {
    return subscriptionFilter;
  }
}
