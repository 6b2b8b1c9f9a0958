package dev.mqttbridge.kafka.connect.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaTopicNamesTest {

  @ParameterizedTest(name = "''{0}'' becomes ''{1}''")
  @CsvSource(delimiter = '|', value = {
      "plant/lyon/7|plant.lyon.7",
      "telemetry.lyon.7|telemetry.lyon.7",
      "a b+c#d|a_b_c_d",
      "Ünïcode/x|_n_code.x",
      "emoji😀x|emoji_x",
      "keep_-.Chars09|keep_-.Chars09",
      "/leading|.leading",
      "a//b|a..b",
  })
  void sanitise_appliesTheDocumentedRule(String raw, String expected) {
    assertThat(KafkaTopicNames.sanitise(raw)).contains(expected);
  }

  @ParameterizedTest(name = "''{0}'' is illegal")
  @ValueSource(strings = {"", ".", "..", "/", "//"})
  void sanitise_refusesDotNamesAndEmpty(String raw) {
    assertThat(KafkaTopicNames.sanitise(raw)).isEqualTo(Optional.empty());
  }

  @Test
  void sanitise_cutsAt249Characters() {
    String name = KafkaTopicNames.sanitise("x".repeat(300)).orElseThrow();

    assertThat(name).hasSize(249);
    assertThat(KafkaTopicNames.isLegalName(name)).isTrue();
    assertThat(KafkaTopicNames.isLegalName(name + "x")).isFalse();
  }

  @Test
  void collisionKey_treatsDotAndUnderscoreAlike() {
    assertThat(KafkaTopicNames.collisionKey("a.b_c")).isEqualTo(KafkaTopicNames.collisionKey("a_b.c"));
  }
}
