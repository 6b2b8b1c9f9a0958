package dev.mqttbridge.kafka.connect.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueFormatTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-25T05:00:00Z");
  private static final byte[] INVALID_UTF8 = {'a', (byte) 0xC3, (byte) 0x28};

  private static MqttMessage message(byte[] payload) {
    return MqttMessage.builder("plant/lyon").payload(payload).qos(1).build();
  }

  private static MqttMessage message(String payload) {
    return message(payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bytes_keepsThePayloadAsIs() throws Exception {
    SchemaAndValue value = ValueFormat.BYTES.convert(message(INVALID_UTF8), false, RECEIVED);

    assertThat(value.schema()).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);
    assertThat((byte[]) value.value()).containsExactly(INVALID_UTF8);
  }

  @Test
  void string_decodesUtf8() throws Exception {
    SchemaAndValue value = ValueFormat.STRING.convert(message("21.5 °C"), false, RECEIVED);

    assertThat(value.schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    assertThat(value.value()).isEqualTo("21.5 °C");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"STRING", "JSON"})
  void invalidUtf8_isUnconvertible(ValueFormat format) {
    assertThatThrownBy(() -> format.convert(message(INVALID_UTF8), false, RECEIVED))
        .isInstanceOfSatisfying(UnconvertibleMessageException.class,
            e -> assertThat(e.reason()).isEqualTo("value.invalid.utf8"));
  }

  @Test
  void json_objectBecomesSchemalessMap() throws Exception {
    SchemaAndValue value = ValueFormat.JSON.convert(
        message("{\"t\":21.5,\"ok\":true,\"tags\":[\"a\",1],\"n\":null}"), false, RECEIVED);

    assertThat(value.schema()).isNull();
    assertThat(value.value()).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) value.value();
    assertThat(map.get("t")).isEqualTo(21.5);
    assertThat(map.get("ok")).isEqualTo(true);
    assertThat(map.get("tags")).isEqualTo(List.of("a", 1));
    assertThat(map.containsKey("n")).isTrue();
  }

  @ParameterizedTest(name = "''{0}'' is invalid JSON")
  @CsvSource(delimiter = '|', value = {"{", "{\"a\":1} trailing", "''", "{\"a\":1,\"a\":2}", "nan"})
  void json_invalidPayload_isUnconvertible(String payload) {
    assertThatThrownBy(() -> ValueFormat.JSON.convert(message(payload), false, RECEIVED))
        .isInstanceOfSatisfying(UnconvertibleMessageException.class,
            e -> assertThat(e.reason()).isEqualTo("value.invalid.json"));
  }

  @Test
  void envelope_carriesTheWholeMessageWithSchema() throws Exception {
    MqttMessage message = MqttMessage.builder("plant/lyon")
        .payload(new byte[] {1, 2})
        .qos(2)
        .retain(true)
        .contentType("application/octet-stream")
        .responseTopic("reply/here")
        .correlationData(new byte[] {9})
        .messageExpiryInterval(60)
        .userProperty("unit", "C")
        .userProperty("unit", "K")
        .build();

    SchemaAndValue value = ValueFormat.ENVELOPE.convert(message, true, RECEIVED);

    Struct envelope = (Struct) value.value();
    envelope.validate();
    assertThat(value.schema()).isEqualTo(EnvelopeSchema.ENVELOPE);
    assertThat(envelope.getString("topic")).isEqualTo("plant/lyon");
    assertThat(envelope.getBytes("payload")).containsExactly(1, 2);
    assertThat(envelope.getInt8("qos")).isEqualTo((byte) 2);
    assertThat(envelope.getBoolean("retained")).isTrue();
    assertThat(envelope.getBoolean("duplicate")).isTrue();
    assertThat(envelope.get("received")).isEqualTo(Date.from(RECEIVED));
    Struct properties = envelope.getStruct("properties");
    assertThat(properties.getString("content_type")).isEqualTo("application/octet-stream");
    assertThat(properties.getString("response_topic")).isEqualTo("reply/here");
    assertThat(properties.getBytes("correlation_data")).containsExactly(9);
    assertThat(properties.getInt64("message_expiry_seconds")).isEqualTo(60L);
    List<Struct> users = properties.getArray("user_properties");
    assertThat(users).extracting(s -> s.getString("name") + "=" + s.getString("value"))
        .containsExactly("unit=C", "unit=K");
  }

  @Test
  void envelope_ofMqtt311Message_hasEmptyProperties() throws Exception {
    Struct envelope = (Struct) ValueFormat.ENVELOPE.convert(message("x"), false, RECEIVED).value();

    envelope.validate();
    assertThat(envelope.getStruct("properties").getString("content_type")).isNull();
    assertThat(envelope.getStruct("properties").getInt64("message_expiry_seconds")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"bytes, BYTES", "String, STRING", "JSON, JSON", "envelope, ENVELOPE"})
  void fromConfig_isCaseInsensitive(String text, ValueFormat format) {
    assertThat(ValueFormat.fromConfig(text)).isEqualTo(format);
  }
}
