package dev.mqttbridge.mqtt.internal.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.topic.TopicFilter;
import dev.mqttbridge.mqtt.topic.TopicFilterMatchingContractTest;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matching contract against {@link SubscriptionTree}. */
class SubscriptionTreeMatchingContractTest extends TopicFilterMatchingContractTest {

  @Override
  protected boolean matches(TopicFilter filter, TopicName topic) {
    SubscriptionTree<String> tree = new SubscriptionTree<>();
    tree.add(filter, "subscriber");
    return tree.matchAll(topic).contains("subscriber");
  }

  @Test
  void everyRowInOneTree_eachFilterMatchesAsItsRowSays() {
    // The same table, but with all filters sharing one tree, so neighbours must not interfere.
    List<Row> rows = new ArrayList<>(SPEC_EXAMPLES);
    rows.addAll(EDGE_CASES);
    SubscriptionTree<String> tree = new SubscriptionTree<>();
    for (Row row : rows) {
      tree.add(row.topicFilter(), row.filter());
    }
    for (Row row : rows) {
      List<String> matched = tree.matchAll(row.topicName());
      assertThat(matched.contains(row.filter()))
          .as("'%s' vs '%s' (%s), tree matched %s", row.filter(), row.topic(), row.source(), matched)
          .isEqualTo(row.expected());
    }
  }
}
