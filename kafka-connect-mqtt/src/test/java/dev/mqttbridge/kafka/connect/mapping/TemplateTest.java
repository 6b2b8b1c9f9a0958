package dev.mqttbridge.kafka.connect.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTest {

  private static final TopicMatch MATCH =
      new TopicMatch("plant/ly on/line/7/motor/temp", Map.of("site", "ly on", "line", "7"), "motor/temp");

  @ParameterizedTest(name = "{0} renders {1}")
  @CsvSource(delimiter = '|', value = {
      "telemetry.{site}.{line}|telemetry.ly on.7",
      "{mqtt.topic}|plant/ly on/line/7/motor/temp",
      "raw.{#}|raw.motor/temp",
      "fixed|fixed",
      "{site}{line}|ly on7",
  })
  void render_usesRawMqttText(String template, String rendered) {
    assertThat(Template.parse(template).render(MATCH)).isEqualTo(rendered);
  }

  @Test
  void captureNames_excludeBuiltInVariables() {
    Template template = Template.parse("{site}.{mqtt.topic}.{#}.{line}");

    assertThat(template.captureNames()).isEqualTo(Set.of("line", "site"));
    assertThat(template.usesMultiLevel()).isTrue();
  }

  @Test
  void emptyTemplate_isEmpty() {
    assertThat(Template.parse("").isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"a.{site", "a}", "{}", "{a b}", "{mqtt.other}"})
  void malformedTemplates_areRefused(String template) {
    assertThatThrownBy(() -> Template.parse(template)).isInstanceOf(IllegalArgumentException.class);
  }
}
