package dev.mqttbridge.kafka.connect.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterTemplateTest {

  @ParameterizedTest(name = "{0} subscribes as {1}")
  @CsvSource({
      "plant/{site}/line/{line}/#, plant/+/line/+/#",
      "a/b, a/b",
      "{x}, +",
      "sensors/+/{kind}, sensors/+/+",
      "#, #",
  })
  void captureLevels_subscribeAsSingleLevelWildcard(String template, String filter) {
    assertThat(FilterTemplate.parse(template).filter().toString()).isEqualTo(filter);
  }

  @Test
  void match_capturesLevelsAndMultiLevelRest() {
    FilterTemplate template = FilterTemplate.parse("plant/{site}/line/{line}/#");

    TopicMatch match = template.match("plant/lyon/line/7/motor/temp").orElseThrow();

    assertThat(match.topic()).isEqualTo("plant/lyon/line/7/motor/temp");
    assertThat(match.captures()).isEqualTo(Map.of("site", "lyon", "line", "7"));
    assertThat(match.multiLevel()).isEqualTo("motor/temp");
  }

  @Test
  void match_hashMatchingNoLevel_givesEmptyRest() {
    TopicMatch match = FilterTemplate.parse("plant/{site}/#").match("plant/lyon").orElseThrow();

    assertThat(match.multiLevel()).isEmpty();
    assertThat(match.captures()).containsEntry("site", "lyon");
  }

  @Test
  void match_emptyLevelIsCapturedAsEmptyText() {
    TopicMatch match = FilterTemplate.parse("a/{x}/b").match("a//b").orElseThrow();

    assertThat(match.captures()).containsEntry("x", "");
  }

  @Test
  void match_otherTopic_isEmpty() {
    assertThat(FilterTemplate.parse("plant/{site}").match("plant/lyon/extra")).isEmpty();
    assertThat(FilterTemplate.parse("{site}/x").match("$SYS/x")).isEmpty();
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {
      "$share/g/a/b", "a/{x}/{x}", "a/pre{x}", "a/{x", "a/{}/b", "a/{x y}", "a/#/b", "a/b+", "",
  })
  void invalidTemplates_areRefusedWithAReason(String template) {
    assertThatThrownBy(() -> FilterTemplate.parse(template))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + template + "'");
  }
}
