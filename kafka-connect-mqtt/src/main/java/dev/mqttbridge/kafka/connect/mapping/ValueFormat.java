package dev.mqttbridge.kafka.connect.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mqttbridge.mqtt.MqttMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/** The {@code record.value.format} choices: how a payload becomes the record value. */
public enum ValueFormat {

  /** The payload bytes as they are (optional bytes schema). */
  BYTES {
    @Override
    public SchemaAndValue convert(MqttMessage message, boolean duplicate, Instant received) {
      return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, message.payload());
    }
  },
  /** The payload as UTF-8 text (optional string schema); invalid UTF-8 is an error. */
  STRING {
    @Override
    public SchemaAndValue convert(MqttMessage message, boolean duplicate, Instant received)
        throws UnconvertibleMessageException {
      return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, strictUtf8(message));
    }
  },
  /**
   * The payload parsed as one JSON value, schemaless: an object becomes a {@code Map}, an array a
   * {@code List}. Invalid UTF-8, invalid JSON, an empty payload or trailing data is an error.
   */
  JSON {
    @Override
    public SchemaAndValue convert(MqttMessage message, boolean duplicate, Instant received)
        throws UnconvertibleMessageException {
      String text = strictUtf8(message);
      try {
        return new SchemaAndValue(null, JSON_MAPPER.readValue(text, Object.class));
      } catch (JsonProcessingException e) {
        throw new UnconvertibleMessageException("value.invalid.json",
            "Payload is not valid JSON: " + e.getOriginalMessage(), e);
      }
    }
  },
  /** The whole message as a Struct with schema; see {@link EnvelopeSchema}. */
  ENVELOPE {
    @Override
    public SchemaAndValue convert(MqttMessage message, boolean duplicate, Instant received) {
      return new SchemaAndValue(
          EnvelopeSchema.ENVELOPE, EnvelopeSchema.envelope(message, duplicate, received));
    }
  };

  /** Thread-safe once configured; strict so that what passes is one well-formed value. */
  private static final ObjectMapper JSON_MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /**
   * The record value of a message.
   *
   * @throws UnconvertibleMessageException when the payload does not fit the format
   */
  public abstract SchemaAndValue convert(MqttMessage message, boolean duplicate, Instant received)
      throws UnconvertibleMessageException;

  /** The config spelling, e.g. {@code json}. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format of a config value (case-insensitive). */
  public static ValueFormat fromConfig(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  private static String strictUtf8(MqttMessage message) throws UnconvertibleMessageException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(message.payload()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UnconvertibleMessageException(
          "value.invalid.utf8", "Payload is not valid UTF-8: " + e, e);
    }
  }
}
