package dev.mqttbridge.kafka.connect.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/** Reads parts of a sink record for templates and headers: dotted value paths, last header. */
final class RecordFields {

  private RecordFields() {}

  /** The value of the last header with this name, or null. */
  static Object header(SinkRecord record, String name) {
    Header last = record.headers().lastWithName(name);
    return last == null ? null : last.value();
  }

  /** The field at a dotted path through Structs and Maps, or null when absent. */
  static Object valueAt(Object value, String path) {
    Object current = value;
    for (String step : path.split("\\.")) {
      if (current instanceof Struct struct) {
        Field field = struct.schema().field(step);
        current = field == null ? null : struct.get(field);
      } else if (current instanceof Map<?, ?> map) {
        current = map.get(step);
      } else {
        return null;
      }
    }
    return current;
  }

  /**
   * Text for a template variable: strings as they are, bytes as UTF-8, numbers and booleans in
   * their usual form. Structures have no topic-level text.
   *
   * @throws TemplateException when the value is null or a structure
   */
  static String text(Object value, String what) {
    if (value == null) {
      throw new TemplateException("No value for " + what);
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof ByteBuffer buffer) {
      return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
    if (value instanceof Struct || value instanceof Map<?, ?> || value instanceof Iterable<?>) {
      throw new TemplateException(what + " is a structure, not a single value");
    }
    return value.toString();
  }
}
