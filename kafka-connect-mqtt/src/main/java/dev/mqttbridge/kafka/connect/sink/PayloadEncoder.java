package dev.mqttbridge.kafka.connect.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mqttbridge.kafka.connect.mapping.ByteBuffers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns a record value into an MQTT payload: bytes as they are, strings as UTF-8, Structs, Maps and
 * Lists as JSON (nested bytes as base64), other values (numbers, booleans) as their JSON text.
 * Thread-safe.
 */
public final class PayloadEncoder {

  private final ObjectMapper json = new ObjectMapper();

  /** The payload, and whether it is UTF-8 text. */
  public record Payload(byte[] bytes, boolean utf8) {}

  /**
   * Encodes a non-null value.
   *
   * @throws TemplateException when the value cannot be written as JSON
   */
  public Payload encode(Object value) {
    if (value instanceof byte[] bytes) {
      return new Payload(bytes, false);
    }
    if (value instanceof ByteBuffer buffer) {
      return new Payload(ByteBuffers.copyOf(buffer), false);
    }
    if (value instanceof String text) {
      return new Payload(text.getBytes(StandardCharsets.UTF_8), true);
    }
    try {
      return new Payload(json.writeValueAsBytes(plain(value)), true);
    } catch (JsonProcessingException e) {
      throw new TemplateException("Value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Structs become ordered maps, bytes base64 text; Jackson writes the rest. */
  private static Object plain(Object value) {
    if (value instanceof Struct struct) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Field field : struct.schema().fields()) {
        out.put(field.name(), plain(struct.get(field)));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(plain(item)));
      return out;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      return Base64.getEncoder().encodeToString(ByteBuffers.copyOf(buffer));
    }
    return value;
  }
}
