package dev.mqttbridge.kafka.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTemplateTest {

  private static SinkRecord record(Object key, Object value, ConnectHeaders headers) {
    return new SinkRecord("commands", 0, null, key, null, value, 7L, null, null, headers);
  }

  @Test
  void render_fillsTopicKeyHeaderAndValueFields() {
    Schema line = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    Schema schema = SchemaBuilder.struct().field("line", line).build();
    Struct value = new Struct(schema).put("line", new Struct(line).put("id", 4));
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("site", "berlin");

    String topic = TopicTemplate.parse("plant/{header.site}/{kafka.topic}/{value.line.id}/{key}")
        .render(record("valve-1".getBytes(StandardCharsets.UTF_8), value, headers));

    assertThat(topic).isEqualTo("plant/berlin/commands/4/valve-1");
  }

  @Test
  void render_readsDottedPathsThroughMaps() {
    String topic = TopicTemplate.parse("a/{value.meta.site}")
        .render(record("k", Map.of("meta", Map.of("site", "x")), new ConnectHeaders()));

    assertThat(topic).isEqualTo("a/x");
  }

  @Test
  void render_missingHeader_failsNamingIt() {
    TopicTemplate template = TopicTemplate.parse("plant/{header.site}");

    assertThatThrownBy(() -> template.render(record("k", "v", new ConnectHeaders())))
        .isInstanceOf(TemplateException.class).hasMessageContaining("header site");
  }

  @Test
  void render_nullKey_fails() {
    assertThatThrownBy(() -> TopicTemplate.parse("c/{key}").render(record(null, "v", new ConnectHeaders())))
        .isInstanceOf(TemplateException.class).hasMessageContaining("key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/+", "b#", ""})
  void render_resultNotAValidTopic_fails(String key) {
    TopicTemplate template = TopicTemplate.parse("{key}");

    assertThatThrownBy(() -> template.render(record(key, "v", new ConnectHeaders())))
        .isInstanceOf(TemplateException.class).hasMessageContaining("Not a valid MQTT topic");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/{", "a/}", "{name}", "{header.}", "{value.}", "{value.a..b}"})
  void parse_refusesMalformedTemplates(String text) {
    assertThatThrownBy(() -> TopicTemplate.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
