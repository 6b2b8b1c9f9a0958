package dev.mqttbridge.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matching contract every topic matcher meets: one table of filter / topic / expected rows,
 * run against each implementation by a subclass ({@link TopicFilter#matches} and the subscription
 * tree).
 *
 * <p>{@link #SPEC_EXAMPLES} holds every matching example of MQTT 3.1.1 and 5.0 section 4.7 (the two
 * are the same there) and of MQTT 5.0 section 4.8.2 (shared subscriptions), tagged with their
 * section; {@link #EDGE_CASES} adds the corners the examples leave out.
 */
public abstract class TopicFilterMatchingContractTest {

  /** One row of the table. */
  public record Row(String filter, String topic, boolean expected, String source) {

    /** Parses the row's filter. */
    public TopicFilter topicFilter() {
      return TopicFilter.of(filter);
    }

    /** Parses the row's topic. */
    public TopicName topicName() {
      return TopicName.of(topic);
    }
  }

  public static final List<Row> SPEC_EXAMPLES =
      List.of(
          // 4.7.1.2 Multi-level wildcard
          match("sport/tennis/player1/#", "sport/tennis/player1", "4.7.1.2"),
          match("sport/tennis/player1/#", "sport/tennis/player1/ranking", "4.7.1.2"),
          match("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", "4.7.1.2"),
          match("sport/#", "sport", "4.7.1.2"),
          match("#", "sport", "4.7.1.2"),
          match("#", "sport/tennis/player1/ranking", "4.7.1.2"),
          match("sport/tennis/#", "sport/tennis/player1", "4.7.1.2"),
          // 4.7.1.3 Single-level wildcard
          match("sport/tennis/+", "sport/tennis/player1", "4.7.1.3"),
          match("sport/tennis/+", "sport/tennis/player2", "4.7.1.3"),
          noMatch("sport/tennis/+", "sport/tennis/player1/ranking", "4.7.1.3"),
          noMatch("sport/+", "sport", "4.7.1.3"),
          match("sport/+", "sport/", "4.7.1.3"),
          match("+", "sport", "4.7.1.3"),
          match("+/tennis/#", "sport/tennis/player1/ranking", "4.7.1.3"),
          match("sport/+/player1", "sport/tennis/player1", "4.7.1.3"),
          match("+/+", "/finance", "4.7.1.3"),
          match("/+", "/finance", "4.7.1.3"),
          noMatch("+", "/finance", "4.7.1.3"),
          // 4.7.2 Topics beginning with $
          noMatch("#", "$SYS/monitor/Clients", "4.7.2"),
          noMatch("+/monitor/Clients", "$SYS/monitor/Clients", "4.7.2"),
          match("$SYS/#", "$SYS/monitor/Clients", "4.7.2"),
          match("$SYS/monitor/+", "$SYS/monitor/Clients", "4.7.2"),
          match("#", "sport/tennis", "4.7.2 (# and $SYS/# together)"),
          match("$SYS/#", "$SYS/broker/uptime", "4.7.2 (# and $SYS/# together)"),
          noMatch("$SYS/#", "sport/tennis", "4.7.2 (# and $SYS/# together)"),
          // 4.7.3 Topic semantic and usage
          noMatch("ACCOUNTS", "Accounts", "4.7.3"),
          noMatch("Accounts", "ACCOUNTS", "4.7.3"),
          match("Accounts", "Accounts", "4.7.3"),
          match("Accounts payable", "Accounts payable", "4.7.3"),
          noMatch("/finance", "finance", "4.7.3"),
          noMatch("finance", "/finance", "4.7.3"),
          match("/", "/", "4.7.3"),
          // 4.8.2 Shared Subscriptions (MQTT 5.0)
          match("$share/consumer1/sport/tennis/+", "sport/tennis/player1", "5.0 4.8.2"),
          match("$share/consumer2/sport/tennis/+", "sport/tennis/player1", "5.0 4.8.2"),
          noMatch("$share/consumer1/sport/tennis/+", "sport/tennis/player1/ranking", "5.0 4.8.2"),
          match("$share/consumer1//finance", "/finance", "5.0 4.8.2"),
          noMatch("$share/consumer1//finance", "finance", "5.0 4.8.2"));

  public static final List<Row> EDGE_CASES =
      List.of(
          // empty levels
          match("a/+/c", "a//c", "+ matches an empty level"),
          match("+/+", "/", "+ matches empty levels"),
          noMatch("+", "/", "+ is exactly one level"),
          match("/+", "/", "+ matches the empty last level"),
          match("#", "/", "# matches empty levels"),
          match("/#", "/", "# after an empty level"),
          match("/#", "/finance", "# after an empty level"),
          match("a/#", "a/", "# matches an empty last level"),
          match("a//#", "a/", "# matches the parent empty level"),
          noMatch("a//#", "a", "the empty level is still a level"),
          match("a//b", "a//b", "literal empty level"),
          noMatch("a//b", "a/b", "literal empty level"),
          // # and the parent level
          match("+/#", "sport", "# matches the parent of +"),
          match("a/+/#", "a/b", "# matches the parent of +"),
          noMatch("a/+/#", "a", "+ still needs its level"),
          noMatch("a/b/#", "a", "# matches the parent, not the grandparent"),
          noMatch("a/b/#", "a/c", "literal before #"),
          // literal levels
          noMatch("a/b", "a/b/c", "more topic levels"),
          noMatch("a/b/c", "a/b", "fewer topic levels"),
          noMatch("a/+/+", "a/b", "fewer topic levels"),
          noMatch("a/b", "a/bc", "level prefix"),
          noMatch("a/bc", "a/b", "level prefix"),
          noMatch("Sport/#", "sport/tennis", "case sensitive"),
          match("données/+", "données/température", "non-ASCII"),
          match("\uD83C\uDFBE/+", "\uD83C\uDFBE/player1", "supplementary characters"),
          // $ topics
          noMatch("+", "$SYS", "+ at the first level never matches $"),
          noMatch("#", "$", "# never matches $"),
          noMatch("+/#", "$SYS/monitor", "wildcard first level never matches $"),
          match("$SYS", "$SYS", "literal $ level"),
          match("$SYS/+", "$SYS/", "+ after a literal $ level"),
          match("a/+", "a/$SYS", "$ matters at the first level only"),
          match("a/#", "a/$SYS/x", "$ matters at the first level only"),
          noMatch("$SYS/#", "$SYSTEM/x", "literal $ level"),
          noMatch("#", "$share/g/a", "a $share topic name is still a $ topic"),
          match("$share", "$share", "$share alone is an ordinary filter"),
          // shared subscriptions
          noMatch("$share/g/#", "$SYS/x", "a shared # never matches $ either"),
          noMatch("$share/g/+/x", "$SYS/x", "a shared + never matches $ either"),
          match("$share/g/$SYS/#", "$SYS/x", "shared filter with literal $"),
          match("$share/g/#", "sport", "shared #"),
          noMatch("$share/g/a", "$share/g/a", "matching ignores the share prefix"));

  /**
   * Whether the implementation under test delivers a message on the topic to a subscription with
   * the filter.
   */
  protected abstract boolean matches(TopicFilter filter, TopicName topic);

  @ParameterizedTest(name = "[{index}] {3}: ''{0}'' vs ''{1}'' -> {2}")
  @MethodSource("dev.mqttbridge.mqtt.topic.TopicFilterMatchingContractTest#specExamples")
  void specExample_matchesAsTheSpecSays(
      String filter, String topic, boolean expected, String source) {
    assertThat(matches(TopicFilter.of(filter), TopicName.of(topic)))
        .as("'%s' vs '%s' (%s)", filter, topic, source)
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {3}: ''{0}'' vs ''{1}'' -> {2}")
  @MethodSource("dev.mqttbridge.mqtt.topic.TopicFilterMatchingContractTest#edgeCases")
  void edgeCase_matchesAsTheRulesSay(String filter, String topic, boolean expected, String source) {
    assertThat(matches(TopicFilter.of(filter), TopicName.of(topic)))
        .as("'%s' vs '%s' (%s)", filter, topic, source)
        .isEqualTo(expected);
  }

  static Stream<Arguments> specExamples() {
    return arguments(SPEC_EXAMPLES);
  }

  static Stream<Arguments> edgeCases() {
    return arguments(EDGE_CASES);
  }

  private static Stream<Arguments> arguments(List<Row> rows) {
    return rows.stream()
        .map(row -> Arguments.of(row.filter(), row.topic(), row.expected(), row.source()));
  }

  private static Row match(String filter, String topic, String source) {
    return new Row(filter, topic, true, source);
  }

  private static Row noMatch(String filter, String topic, String source) {
    return new Row(filter, topic, false, source);
  }
}
