package dev.mqttbridge.mqtt.internal.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random filters and topics over a small alphabet, so that matches are frequent: the tree must
 * find exactly what brute-force {@link TopicFilter#matches} over every subscription finds, after
 * adds and after removes. Seeds are fixed so a failure is reproducible from its name.
 */
class SubscriptionTreeDifferentialTest {

  private static final String[] TOPIC_LEVELS = {"a", "b", "", "$s"};
  private static final String[] FILTER_LEVELS = {"a", "b", "", "$s", "+", "+", "#"};

  private record Subscription(TopicFilter filter, String value) {}

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 25);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void treeMatches_sameAsBruteForce_afterAddsAndRemoves(long seed) {
    Random random = new Random(seed);
    SubscriptionTree<String> tree = new SubscriptionTree<>();
    List<Subscription> live = new ArrayList<>();

    for (int i = 0; i < 400; i++) {
      TopicFilter filter = randomFilter(random);
      // Few distinct values, so one value often sits on several overlapping filters.
      String value = "v" + random.nextInt(30);
      boolean added = tree.add(filter, value);
      boolean alreadyThere = live.contains(new Subscription(sameEffective(filter), value));
      assertThat(added).as("add %s %s", filter, value).isEqualTo(!alreadyThere);
      if (added) {
        live.add(new Subscription(sameEffective(filter), value));
      }
    }
    assertThat(assertSameMatches(tree, live, random)).as("matches found").isGreaterThan(400);

    for (int i = 0; i < 250 && !live.isEmpty(); i++) {
      Subscription victim = live.remove(random.nextInt(live.size()));
      assertThat(tree.remove(victim.filter(), victim.value())).isTrue();
      assertThat(tree.remove(victim.filter(), victim.value())).isFalse();
    }
    assertSameMatches(tree, live, random);

    for (Subscription subscription : live) {
      assertThat(tree.remove(subscription.filter(), subscription.value())).isTrue();
    }
    assertThat(tree.isEmpty()).isTrue();
    assertThat(tree.nodeCount()).isEqualTo(1);
  }

  /** Compares 400 random topics; returns how many matches were found, to show it is no 0 = 0. */
  private static int assertSameMatches(
      SubscriptionTree<String> tree, List<Subscription> live, Random random) {
    assertThat(tree.size()).isEqualTo(live.size());
    int found = 0;
    for (int i = 0; i < 400; i++) {
      TopicName topic = randomTopic(random);
      List<String> expected = new ArrayList<>();
      for (Subscription subscription : live) {
        if (subscription.filter().matches(topic)) {
          expected.add(subscription.value());
        }
      }
      assertThat(tree.matchAll(topic))
          .as("topic '%s'", topic)
          .containsExactlyInAnyOrderElementsOf(expected);
      found += expected.size();
    }
    return found;
  }

  /** The tree keys on the effective filter, so the model does too. */
  private static TopicFilter sameEffective(TopicFilter filter) {
    return TopicFilter.of(filter.filter());
  }

  private static TopicFilter randomFilter(Random random) {
    while (true) {
      StringBuilder text = new StringBuilder();
      if (random.nextInt(8) == 0) {
        text.append("$share/g").append(random.nextInt(3)).append('/');
      }
      int levels = 1 + random.nextInt(4);
      for (int i = 0; i < levels; i++) {
        if (i > 0) {
          text.append('/');
        }
        text.append(FILTER_LEVELS[random.nextInt(FILTER_LEVELS.length)]);
      }
      try {
        return TopicFilter.of(text.toString());
      } catch (InvalidTopicException misplacedHashOrEmpty) {
        // draw again
      }
    }
  }

  private static TopicName randomTopic(Random random) {
    while (true) {
      StringBuilder text = new StringBuilder();
      int levels = 1 + random.nextInt(5);
      for (int i = 0; i < levels; i++) {
        if (i > 0) {
          text.append('/');
        }
        text.append(TOPIC_LEVELS[random.nextInt(TOPIC_LEVELS.length)]);
      }
      if (text.length() > 0) {
        return TopicName.of(text.toString());
      }
    }
  }
}
