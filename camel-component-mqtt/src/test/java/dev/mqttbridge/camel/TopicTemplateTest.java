package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTemplateTest {

  @ParameterizedTest
  @CsvSource({
      "plant/{site}/#, plant/+/#",
      "plant/{site}/{line}/temp, plant/+/+/temp",
      "{root}, +",
      "a/b/c, a/b/c",
      "a/+/#, a/+/#",
      "$share/group/plant/{site}/#, $share/group/plant/+/#",
  })
  void parse_capturesBecomeSingleLevelWildcards(String template, String filter) {
    assertThat(TopicTemplate.parse(template).subscriptionFilter()).isEqualTo(filter);
  }

  @Test
  void capture_matchedTopic_namedLevelsOnly() {
    TopicTemplate template = TopicTemplate.parse("plant/{site}/+/{sensor}/#");
    assertThat(template.capture("plant/berlin/line1/temp/raw/x"))
        .containsExactly(Map.entry("site", "berlin"), Map.entry("sensor", "temp"));
  }

  @Test
  void capture_emptyLevel_capturedAsEmptyString() {
    assertThat(TopicTemplate.parse("a/{b}/c").capture("a//c")).containsEntry("b", "");
  }

  @Test
  void capture_sharedSubscription_prefixPlaysNoPart() {
    assertThat(TopicTemplate.parse("$share/g/plant/{site}/#").capture("plant/paris/x"))
        .containsExactly(Map.entry("site", "paris"));
  }

  @Test
  void capture_noCaptures_emptyMap() {
    TopicTemplate template = TopicTemplate.parse("a/#");
    assertThat(template.hasCaptures()).isFalse();
    assertThat(template.capture("a/b")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/{b}c", "a/{b/c}", "a/{x}/{x}", "a/#/b", "a/b#", "", "$share/g"})
  void parse_invalidTemplate_refusedWithReason(String template) {
    assertThatThrownBy(() -> TopicTemplate.parse(template))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("null");
  }
}
