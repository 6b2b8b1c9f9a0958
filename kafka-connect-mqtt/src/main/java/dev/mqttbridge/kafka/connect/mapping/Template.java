package dev.mqttbridge.kafka.connect.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A text template over the variables of a {@link TopicMatch}: {@code {name}} for a capture, {@code
 * {mqtt.topic}} for the topic name and {@code {#}} for the levels matched by {@code #}. Used for
 * {@code kafka.topic}, {@code topic.mappings} targets and {@code kafka.key}. Renders raw text;
 * sanitising is the caller's business. Immutable.
 */
public final class Template {

  /** Variable for the whole MQTT topic name. */
  public static final String TOPIC_VARIABLE = "mqtt.topic";
  /** Variable for the levels matched by {@code #}. */
  public static final String MULTI_LEVEL_VARIABLE = "#";

  private final String text;
  /** Alternating literal and variable parts; variables are stored as {@link Variable}. */
  private final List<Object> parts;

  private record Variable(String name) {}

  private Template(String text, List<Object> parts) {
    this.text = text;
    this.parts = parts;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException for an unclosed or empty brace, or a malformed name
   */
  public static Template parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Object> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      int strayClose = text.indexOf('}', i);
      if (strayClose >= 0 && (open < 0 || strayClose < open)) {
        throw new IllegalArgumentException("Template '" + text + "': '}' without '{' at " + strayClose);
      }
      if (open < 0) {
        parts.add(text.substring(i));
        break;
      }
      if (open > i) {
        parts.add(text.substring(i, open));
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("Template '" + text + "': '{' at " + open + " not closed");
      }
      String name = text.substring(open + 1, close);
      boolean valid = name.equals(TOPIC_VARIABLE) || name.equals(MULTI_LEVEL_VARIABLE)
          || FilterTemplate.CAPTURE_NAME.matcher(name).matches();
      if (!valid) {
        throw new IllegalArgumentException("Template '" + text + "': '{" + name
            + "}' is no variable; use {capture}, {" + TOPIC_VARIABLE + "} or {#}");
      }
      parts.add(new Variable(name));
      i = close + 1;
    }
    return new Template(text, List.copyOf(parts));
  }

  /** The capture names this template uses (not the built-in variables), sorted. */
  public Set<String> captureNames() {
    Set<String> names = new TreeSet<>();
    for (Object part : parts) {
      if (part instanceof Variable v
          && !v.name().equals(TOPIC_VARIABLE) && !v.name().equals(MULTI_LEVEL_VARIABLE)) {
        names.add(v.name());
      }
    }
    return names;
  }

  /** Whether the template uses {@code {#}}. */
  public boolean usesMultiLevel() {
    return parts.contains(new Variable(MULTI_LEVEL_VARIABLE));
  }

  /** Whether the template is the empty string. */
  public boolean isEmpty() {
    return parts.isEmpty();
  }

  /**
   * Renders the template with raw MQTT text.
   *
   * @throws IllegalArgumentException when the match lacks a capture the template uses (config
   *     validation rules that out)
   */
  public String render(TopicMatch match) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Variable v) {
        out.append(valueOf(v.name(), match));
      } else {
        out.append((String) part);
      }
    }
    return out.toString();
  }

  private static String valueOf(String name, TopicMatch match) {
    switch (name) {
      case TOPIC_VARIABLE:
        return match.topic();
      case MULTI_LEVEL_VARIABLE:
        return match.multiLevel();
      default:
        String value = match.captures().get(name);
        if (value == null) {
          throw new IllegalArgumentException("No capture {" + name + "} in " + match);
        }
        return value;
    }
  }

  /** The template as written. */
  @Override
  public String toString() {
    return text;
  }
}
