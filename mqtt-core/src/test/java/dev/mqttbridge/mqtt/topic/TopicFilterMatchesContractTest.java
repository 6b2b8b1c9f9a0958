package dev.mqttbridge.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The matching contract against {@link TopicFilter#matches(TopicName)}. */
class TopicFilterMatchesContractTest extends TopicFilterMatchingContractTest {

  @Override
  protected boolean matches(TopicFilter filter, TopicName topic) {
    return filter.matches(topic);
  }

  @Test
  void matchesString_agreesWithMatchesTopicName() {
    for (Row row : SPEC_EXAMPLES) {
      assertThat(row.topicFilter().matches(row.topic()))
          .as("'%s' vs '%s'", row.filter(), row.topic())
          .isEqualTo(row.expected());
    }
  }
}
