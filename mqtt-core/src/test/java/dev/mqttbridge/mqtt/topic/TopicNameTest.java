package dev.mqttbridge.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNameTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sport/tennis/player1",
        "Accounts payable",
        "/",
        "/finance",
        "a//b",
        "$SYS/monitor/Clients",
        "données/température",
        "\uD83C\uDFBE"
      })
  void validName_keepsItsTextExactly(String text) {
    assertThat(TopicName.of(text).toString()).isEqualTo(text);
  }

  @Test
  void levels_keepEmptyLevels() {
    assertThat(TopicName.of("a").levels()).containsExactly("a");
    assertThat(TopicName.of("a//b").levels()).containsExactly("a", "", "b");
    assertThat(TopicName.of("/a").levels()).containsExactly("", "a");
    assertThat(TopicName.of("a/").levels()).containsExactly("a", "");
    assertThat(TopicName.of("/").levels()).containsExactly("", "");
    assertThat(TopicName.of("//").levels()).containsExactly("", "", "");
  }

  @Test
  void levels_areImmutableAndStable() {
    TopicName name = TopicName.of("a/b");
    assertThat(name.levels()).isSameAs(name.levels());
    assertThatThrownBy(() -> name.levels().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @CsvSource({"$SYS/monitor/Clients, true", "$, true", "a/$SYS, false", "SYS, false"})
  void isSystemTopic_whenFirstCharacterIsDollar(String text, boolean system) {
    assertThat(TopicName.of(text).isSystemTopic()).isEqualTo(system);
  }

  @Test
  void equalsAndHashCode_byExactText() {
    assertThat(TopicName.of("a/b")).isEqualTo(TopicName.of("a/b")).hasSameHashCodeAs("a/b");
    assertThat(TopicName.of("Accounts")).isNotEqualTo(TopicName.of("ACCOUNTS"));
    assertThat(TopicName.of("/finance")).isNotEqualTo(TopicName.of("finance"));
  }

  @Test
  void empty_isRejected() {
    assertThatThrownBy(() -> TopicName.of(""))
        .isInstanceOf(InvalidTopicException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid topic name '': must be at least one character long");
  }

  @Test
  void nullText_isRejected() {
    assertThatThrownBy(() -> TopicName.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void nullCharacter_isRejectedAndEscapedInMessage() {
    assertThatThrownBy(() -> TopicName.of("a\u0000b"))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessage(
            "Invalid topic name 'a\\u0000b': the null character U+0000 is not allowed (at index 1)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sport/+          | the wildcard '+' is not allowed in a topic name (at index 6)
          '#'              | the wildcard '#' is not allowed in a topic name (at index 0)
          sport/tennis#    | the wildcard '#' is not allowed in a topic name (at index 12)
          sport+           | the wildcard '+' is not allowed in a topic name (at index 5)
          """)
  void wildcard_isRejected(String text, String problem) {
    assertThatThrownBy(() -> TopicName.of(text))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessage("Invalid topic name '" + text + "': " + problem);
  }

  @Test
  void unpairedHighSurrogate_isRejected() {
    assertThatThrownBy(() -> TopicName.of("a/\uD83C"))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessage(
            "Invalid topic name 'a/\\uD83C': unpaired surrogate U+D83C at index 2 cannot be"
                + " encoded as UTF-8");
  }

  @Test
  void unpairedLowSurrogate_isRejected() {
    assertThatThrownBy(() -> TopicName.of("\uDFBEa"))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessageContaining("unpaired surrogate U+DFBE at index 0");
  }

  @Test
  void surrogatesInReverseOrder_areRejected() {
    assertThatThrownBy(() -> TopicName.of("\uDFBE\uD83C"))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessageContaining("unpaired surrogate U+DFBE at index 0");
  }

  @Test
  void surrogatePair_isAccepted() {
    assertThat(TopicName.of("\uD83C\uDFBE/\uD83C\uDFBE").levels()).hasSize(2);
  }

  @ParameterizedTest(name = "{0} x {1} chars = {2} bytes")
  @CsvSource({
    "a, 65535, 65535",
    "é, 32767, 65534",
    "€, 21845, 65535",
    "\uD83C\uDFBE, 16383, 65532",
  })
  void encodedLengthUpTo65535Bytes_isAccepted(String unit, int count, int bytes) {
    String text = unit.repeat(count);
    assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(bytes);
    assertThat(TopicName.of(text).toString()).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} x {1} chars = {2} bytes")
  @CsvSource({
    "a, 65536, 65536",
    "é, 32768, 65536",
    "€, 21846, 65538",
    "\uD83C\uDFBE, 16384, 65536",
  })
  void encodedLengthOver65535Bytes_isRejectedWithShortMessage(String unit, int count, int bytes) {
    String text = unit.repeat(count);
    assertThatThrownBy(() -> TopicName.of(text))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessageEndingWith(
            "chars)': UTF-8 encoded length is " + bytes + " bytes, more than the maximum of 65535")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }
}
