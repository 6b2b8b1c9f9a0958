package dev.mqttbridge.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

  // ---- validation ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "#",
        "sport/tennis/#",
        "sport/#",
        "+",
        "+/tennis/#",
        "sport/+/player1",
        "+/+",
        "/+",
        "/",
        "a//b",
        "$SYS/#",
        "$share",
        "Accounts payable"
      })
  void validFilter_keepsItsTextExactly(String text) {
    TopicFilter filter = TopicFilter.of(text);
    assertThat(filter.toString()).isEqualTo(text);
    assertThat(filter.filter()).isEqualTo(text);
    assertThat(filter.isShared()).isFalse();
    assertThat(filter.shareName()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sport/tennis#            | '#' must occupy a whole level (at index 12)
          sport/tennis/#/ranking   | '#' must be the last level (at index 13)
          a/#/b                    | '#' must be the last level (at index 2)
          #/                       | '#' must be the last level (at index 0)
          ##                       | '#' must occupy a whole level (at index 0)
          a/b#                     | '#' must occupy a whole level (at index 3)
          sport+                   | '+' must occupy a whole level (at index 5)
          sport/+player1           | '+' must occupy a whole level (at index 6)
          ++                       | '+' must occupy a whole level (at index 0)
          a/+#                     | '#' must occupy a whole level (at index 3)
          """)
  void misplacedWildcard_isRejectedSayingWhereAndWhy(String text, String problem) {
    assertThatThrownBy(() -> TopicFilter.of(text))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessage("Invalid topic filter '" + text + "': " + problem);
  }

  @Test
  void empty_isRejected() {
    assertThatThrownBy(() -> TopicFilter.of(""))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessage("Invalid topic filter '': must be at least one character long");
  }

  @Test
  void nullCharacter_isRejected() {
    assertThatThrownBy(() -> TopicFilter.of("a/\u0000"))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessage(
            "Invalid topic filter 'a/\\u0000': the null character U+0000 is not allowed (at index"
                + " 2)");
  }

  @Test
  void unpairedSurrogate_isRejected() {
    assertThatThrownBy(() -> TopicFilter.of("a/\uD83C/#"))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessage(
            "Invalid topic filter 'a/\\uD83C/#': unpaired surrogate U+D83C at index 2 cannot be"
                + " encoded as UTF-8");
  }

  @Test
  void encodedLength_isLimitedTo65535Bytes() {
    assertThat(TopicFilter.of("a".repeat(65_533) + "/#").toString()).hasSize(65_535);
    assertThatThrownBy(() -> TopicFilter.of("é".repeat(32_767) + "/#"))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessageEndingWith("UTF-8 encoded length is 65536 bytes, more than the maximum of 65535");
  }

  @Test
  void nullText_isRejected() {
    assertThatThrownBy(() -> TopicFilter.of(null)).isInstanceOf(NullPointerException.class);
  }

  // ---- levels and wildcards ----

  @Test
  void levels_keepEmptyLevelsAndWildcards() {
    assertThat(TopicFilter.of("sport/+/player1").levels()).containsExactly("sport", "+", "player1");
    assertThat(TopicFilter.of("/+").levels()).containsExactly("", "+");
    assertThat(TopicFilter.of("a//#").levels()).containsExactly("a", "", "#");
    assertThat(TopicFilter.of("/").levels()).containsExactly("", "");
  }

  @ParameterizedTest
  @CsvSource({
    "a/b, false",
    "/, false",
    "$share/g/a/b, false",
    "a/+, true",
    "#, true",
    "+/b, true",
    "$share/g/#, true"
  })
  void hasWildcards_looksAtTheEffectiveFilter(String text, boolean wildcards) {
    assertThat(TopicFilter.of(text).hasWildcards()).isEqualTo(wildcards);
  }

  // ---- shared subscriptions ----

  @Test
  void sharedSubscription_isParsedIntoShareNameAndFilter() {
    TopicFilter shared = TopicFilter.of("$share/consumer1/sport/tennis/+");
    assertThat(shared.isShared()).isTrue();
    assertThat(shared.shareName()).contains("consumer1");
    assertThat(shared.filter()).isEqualTo("sport/tennis/+");
    assertThat(shared.levels()).containsExactly("sport", "tennis", "+");
    assertThat(shared.hasWildcards()).isTrue();
    assertThat(shared.toString()).isEqualTo("$share/consumer1/sport/tennis/+");
  }

  @Test
  void sharedSubscription_filterMayStartWithEmptyLevel() {
    TopicFilter shared = TopicFilter.of("$share/consumer1//finance");
    assertThat(shared.filter()).isEqualTo("/finance");
    assertThat(shared.levels()).containsExactly("", "finance");
  }

  @Test
  void sharedSubscription_shareNameMayBeOneCharacterOrContainDollar() {
    assertThat(TopicFilter.of("$share/a/#").shareName()).contains("a");
    assertThat(TopicFilter.of("$share/$/#").shareName()).contains("$");
  }

  @Test
  void sharedSubscriptions_withDifferentShareNames_areDifferentFiltersOnTheSameEffectiveFilter() {
    TopicFilter first = TopicFilter.of("$share/consumer1/sport/tennis/+");
    TopicFilter second = TopicFilter.of("$share/consumer2/sport/tennis/+");
    assertThat(first).isNotEqualTo(second);
    assertThat(first.filter()).isEqualTo(second.filter());
    assertThat(first).isNotEqualTo(TopicFilter.of("sport/tennis/+"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"$SHARE/g/a", "$shared/g/a", "a/$share/g/a", "$share"})
  void textThatDoesNotStartWithSharePrefix_isAnOrdinaryFilter(String text) {
    TopicFilter filter = TopicFilter.of(text);
    assertThat(filter.isShared()).isFalse();
    assertThat(filter.filter()).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          $share/                | the share name must be at least one character long
          $share//sport          | the share name must be at least one character long
          $share/g               | a shared subscription needs a topic filter after the share name ($share/{ShareName}/{filter})
          $share/g/              | a shared subscription needs a topic filter after the share name ($share/{ShareName}/{filter})
          $share/a+b/sport       | the share name must not contain '+' (at index 8)
          $share/+/sport         | the share name must not contain '+' (at index 7)
          $share/a#/sport        | the share name must not contain '#' (at index 8)
          $share/g/a/#/b         | '#' must be the last level (at index 11)
          $share/g/sport+        | '+' must occupy a whole level (at index 14)
          """)
  void invalidSharedSubscription_isRejectedSayingWhy(String text, String problem) {
    assertThatThrownBy(() -> TopicFilter.of(text))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessage("Invalid topic filter '" + text + "': " + problem);
  }

  // ---- matching by text, equality ----

  @Test
  void matchesString_rejectsAnInvalidTopicName() {
    assertThatThrownBy(() -> TopicFilter.of("#").matches("sport/+"))
        .isInstanceOf(InvalidTopicException.class)
        .hasMessageStartingWith("Invalid topic name 'sport/+'");
  }

  @Test
  void equalsAndHashCode_byExactText() {
    assertThat(TopicFilter.of("a/+")).isEqualTo(TopicFilter.of("a/+")).hasSameHashCodeAs("a/+");
    assertThat(TopicFilter.of("a/+")).isNotEqualTo(TopicFilter.of("A/+"));
  }

  // ---- overlaps ----

  @ParameterizedTest(name = "''{0}'' and ''{1}'' overlap: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a/b              | a/b              | true
          a/b              | a/c              | false
          a/+              | +/b              | true
          a/+              | a                | false
          a/#              | a                | true
          a/#              | a/b/c            | true
          a/#              | b/#              | false
          a/b/#            | a/+/c            | true
          sport/tennis/+   | sport/+/player1  | true
          +                | +                | true
          +/+              | +                | false
          +/+/#            | +                | false
          +/#              | +                | true
          /#               | +                | false
          /#               | /                | true
          //#              | /                | true
          '#'              | a/b              | true
          '#'              | '#'              | true
          '#'              | /                | true
          /                | +/+              | true
          /                | +                | false
          '#'              | $SYS/#           | false
          '#'              | $SYS             | false
          +/monitor        | $SYS/monitor     | false
          $SYS/+           | $SYS/#           | true
          $SYS/#           | $SYS             | true
          a/+              | a/$SYS           | true
          $share/g1/a/+    | $share/g2/a/b    | true
          $share/g1/a/+    | a/b              | true
          $share/g/#       | $SYS/x           | false
          ACCOUNTS         | Accounts         | false
          """)
  void overlaps_whenSomeTopicNameMatchesBoth(String first, String second, boolean overlap) {
    TopicFilter a = TopicFilter.of(first);
    TopicFilter b = TopicFilter.of(second);
    assertThat(a.overlaps(b)).as("'%s' overlaps '%s'", first, second).isEqualTo(overlap);
    assertThat(b.overlaps(a)).as("'%s' overlaps '%s'", second, first).isEqualTo(overlap);
  }

  @Test
  void overlaps_agreesWithSearchingForACommonTopicName() {
    // Every filter of up to 3 levels over a small alphabet, against every topic name of up to 4
    // levels: enough for a witness of any overlap, since '+' and '#' can take any of the levels.
    List<TopicFilter> filters = new ArrayList<>();
    for (String text : join(List.of("a", "", "$s", "+", "#"), 3)) {
      if (isValidFilter(text)) {
        filters.add(TopicFilter.of(text));
      }
    }
    List<TopicName> topics = new ArrayList<>();
    for (String text : join(List.of("a", "", "$s", "z"), 4)) {
      topics.add(TopicName.of(text));
    }
    List<BitSet> matched = new ArrayList<>();
    for (TopicFilter filter : filters) {
      BitSet bits = new BitSet(topics.size());
      for (int t = 0; t < topics.size(); t++) {
        bits.set(t, filter.matches(topics.get(t)));
      }
      matched.add(bits);
    }
    for (int i = 0; i < filters.size(); i++) {
      for (int j = 0; j < filters.size(); j++) {
        boolean commonTopic = matched.get(i).intersects(matched.get(j));
        assertThat(filters.get(i).overlaps(filters.get(j)))
            .as("'%s' overlaps '%s'", filters.get(i), filters.get(j))
            .isEqualTo(commonTopic);
      }
    }
    assertThat(filters).hasSizeGreaterThan(80);
  }

  /** Every '/'-joined sequence of 1 to maxLevels levels. */
  private static List<String> join(List<String> levels, int maxLevels) {
    List<String> result = new ArrayList<>();
    List<String> previous = List.of("");
    for (int length = 1; length <= maxLevels; length++) {
      List<String> current = new ArrayList<>();
      for (String prefix : previous) {
        for (String level : levels) {
          current.add(length == 1 ? level : prefix + "/" + level);
        }
      }
      result.addAll(current);
      previous = current;
    }
    result.remove(""); // a single empty level is no topic at all
    return result;
  }

  private static boolean isValidFilter(String text) {
    try {
      TopicFilter.of(text);
      return true;
    } catch (InvalidTopicException e) {
      return false;
    }
  }
}
