package dev.mqttbridge.kafka.connect.sink;

import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The {@code mqtt.topic} template: literal text with {@code {kafka.topic}}, {@code {key}}, {@code
 * {header.NAME}} and {@code {value.PATH}} (a dotted path into a Struct or Map value). Variables are
 * inserted as they are, so a value containing {@code /} adds levels; the result must be a valid
 * MQTT topic name. Immutable.
 */
public final class TopicTemplate {

  static final String KAFKA_TOPIC = "kafka.topic";
  static final String KEY = "key";
  static final String HEADER_PREFIX = "header.";
  static final String VALUE_PREFIX = "value.";

  private final String text;
  private final List<Part> parts;

  private sealed interface Part permits Literal, Variable {}

  private record Literal(String text) implements Part {}

  private record Variable(String name) implements Part {}

  private TopicTemplate(String text, List<Part> parts) {
    this.text = text;
    this.parts = parts;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException for an empty template, an unclosed brace or an unknown variable
   */
  public static TopicTemplate parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("The topic template is empty");
    }
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      int close = text.indexOf('}', i);
      if (close >= 0 && (open < 0 || close < open)) {
        throw new IllegalArgumentException("'}' without '{' at " + close + " in '" + text + "'");
      }
      if (open < 0) {
        parts.add(new Literal(text.substring(i)));
        break;
      }
      if (open > i) {
        parts.add(new Literal(text.substring(i, open)));
      }
      close = text.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("'{' at " + open + " not closed in '" + text + "'");
      }
      String name = text.substring(open + 1, close);
      requireKnown(name, text);
      parts.add(new Variable(name));
      i = close + 1;
    }
    return new TopicTemplate(text, List.copyOf(parts));
  }

  private static void requireKnown(String name, String text) {
    boolean known = name.equals(KAFKA_TOPIC) || name.equals(KEY)
        || (name.startsWith(HEADER_PREFIX) && name.length() > HEADER_PREFIX.length())
        || (name.startsWith(VALUE_PREFIX) && name.length() > VALUE_PREFIX.length()
            && !name.endsWith(".") && !name.contains(".."));
    if (!known) {
      throw new IllegalArgumentException("'{" + name + "}' in '" + text + "' is no variable; use"
          + " {kafka.topic}, {key}, {header.NAME} or {value.PATH}");
    }
  }

  /**
   * The MQTT topic of a record.
   *
   * @throws TemplateException when a variable has no value in the record, or the result is not a
   *     valid MQTT topic name
   */
  public String render(SinkRecord record) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        out.append(literal.text());
      } else {
        out.append(valueOf(((Variable) part).name(), record));
      }
    }
    String topic = out.toString();
    try {
      TopicName.of(topic);
    } catch (InvalidTopicException e) {
      throw new TemplateException("Not a valid MQTT topic: " + e.getMessage(), e);
    }
    return topic;
  }

  private static String valueOf(String name, SinkRecord record) {
    if (name.equals(KAFKA_TOPIC)) {
      return record.topic();
    }
    if (name.equals(KEY)) {
      return RecordFields.text(record.key(), "the record key");
    }
    if (name.startsWith(HEADER_PREFIX)) {
      String header = name.substring(HEADER_PREFIX.length());
      return RecordFields.text(RecordFields.header(record, header), "header " + header);
    }
    String path = name.substring(VALUE_PREFIX.length());
    return RecordFields.text(RecordFields.valueAt(record.value(), path), "value field " + path);
  }

  @Override
  public String toString() {
    return text;
  }
}
