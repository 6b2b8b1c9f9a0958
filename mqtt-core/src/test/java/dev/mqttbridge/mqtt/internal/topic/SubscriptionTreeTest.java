package dev.mqttbridge.mqtt.internal.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.topic.TopicFilter;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SubscriptionTreeTest {

  private final SubscriptionTree<String> tree = new SubscriptionTree<>();

  private static TopicFilter filter(String text) {
    return TopicFilter.of(text);
  }

  private List<String> matchAll(String topic) {
    return tree.matchAll(TopicName.of(topic));
  }

  // ---- basics ----

  @Test
  void newTree_isEmptyAndMatchesNothing() {
    assertThat(tree.isEmpty()).isTrue();
    assertThat(tree.size()).isZero();
    assertThat(tree.nodeCount()).isEqualTo(1);
    assertThat(matchAll("a/b")).isEmpty();
  }

  @Test
  void add_thenMatch_visitsTheValue() {
    assertThat(tree.add(filter("sport/tennis/+"), "s1")).isTrue();

    assertThat(matchAll("sport/tennis/player1")).containsExactly("s1");
    assertThat(matchAll("sport/tennis")).isEmpty();
    assertThat(tree.size()).isEqualTo(1);
    assertThat(tree.isEmpty()).isFalse();
  }

  @Test
  void match_visitsEverySinkCallInTheSameThread() {
    tree.add(filter("a/#"), "s1");
    tree.add(filter("a/b"), "s2");
    List<String> seen = new ArrayList<>();

    tree.match(TopicName.of("a/b"), seen::add);

    assertThat(seen).containsExactlyInAnyOrder("s1", "s2");
  }

  @Test
  void addSameValueToSameFilterTwice_isHeldOnce() {
    assertThat(tree.add(filter("a/+"), "s1")).isTrue();
    assertThat(tree.add(filter("a/+"), new String("s1"))).isFalse();

    assertThat(matchAll("a/b")).containsExactly("s1");
    assertThat(tree.size()).isEqualTo(1);
  }

  @Test
  void twoValuesOnSameFilter_areBothVisited() {
    tree.add(filter("a/+"), "s1");
    tree.add(filter("a/+"), "s2");

    assertThat(matchAll("a/b")).containsExactlyInAnyOrder("s1", "s2");
    assertThat(tree.size()).isEqualTo(2);
  }

  @Test
  void sameValueOnTwoOverlappingFilters_isVisitedOncePerFilter() {
    tree.add(filter("a/+"), "s1");
    tree.add(filter("a/#"), "s1");
    tree.add(filter("a/b"), "s1");

    assertThat(matchAll("a/b")).containsExactly("s1", "s1", "s1");
    assertThat(matchAll("a")).containsExactly("s1");
  }

  @Test
  void multiLevelWildcard_matchesParentLevelAndEveryChild() {
    tree.add(filter("sport/#"), "s1");

    assertThat(matchAll("sport")).containsExactly("s1");
    assertThat(matchAll("sport/")).containsExactly("s1");
    assertThat(matchAll("sport/tennis/player1")).containsExactly("s1");
    assertThat(matchAll("sports")).isEmpty();
  }

  @Test
  void exactAndMultiLevelOnSameNode_areKeptApart() {
    tree.add(filter("a"), "exact");
    tree.add(filter("a/#"), "multi");

    assertThat(matchAll("a")).containsExactlyInAnyOrder("exact", "multi");
    assertThat(matchAll("a/b")).containsExactly("multi");

    tree.remove(filter("a/#"), "multi");
    assertThat(matchAll("a")).containsExactly("exact");
    assertThat(matchAll("a/b")).isEmpty();
  }

  // ---- the $ rule ----

  @Test
  void plusAtRoot_doesNotMatchSystemTopic() {
    tree.add(filter("+/monitor/Clients"), "s1");

    assertThat(matchAll("$SYS/monitor/Clients")).isEmpty();
    assertThat(matchAll("app/monitor/Clients")).containsExactly("s1");
  }

  @Test
  void hashAtRoot_doesNotMatchSystemTopic() {
    tree.add(filter("#"), "s1");

    assertThat(matchAll("$SYS/monitor/Clients")).isEmpty();
    assertThat(matchAll("$SYS")).isEmpty();
    assertThat(matchAll("sport")).containsExactly("s1");
  }

  @Test
  void literalDollarFilter_matchesSystemTopic() {
    tree.add(filter("$SYS/#"), "all");
    tree.add(filter("$SYS/monitor/+"), "monitor");

    assertThat(matchAll("$SYS/monitor/Clients")).containsExactlyInAnyOrder("all", "monitor");
  }

  @Test
  void wildcardBelowRoot_matchesDollarLevel() {
    tree.add(filter("a/+"), "s1");

    assertThat(matchAll("a/$SYS")).containsExactly("s1");
  }

  // ---- shared subscriptions ----

  @Test
  void sharedFilter_isIndexedByItsEffectiveFilter() {
    TopicFilter shared = filter("$share/group/a/+");
    tree.add(shared, "group-member");
    tree.add(filter("a/+"), "plain");

    assertThat(matchAll("a/b")).containsExactlyInAnyOrder("group-member", "plain");
    assertThat(tree.nodeCount()).isEqualTo(3);

    assertThat(tree.remove(shared, "group-member")).isTrue();
    assertThat(matchAll("a/b")).containsExactly("plain");
  }

  @Test
  void sharedHashAtRoot_doesNotMatchSystemTopic() {
    tree.add(filter("$share/group/#"), "s1");

    assertThat(matchAll("$SYS/x")).isEmpty();
    assertThat(matchAll("x")).containsExactly("s1");
  }

  // ---- remove ----

  @Test
  void remove_usesEqualsAndReportsWhetherItRemoved() {
    tree.add(filter("a/b"), "s1");

    assertThat(tree.remove(filter("a/b"), new String("s1"))).isTrue();
    assertThat(tree.remove(filter("a/b"), "s1")).isFalse();
    assertThat(matchAll("a/b")).isEmpty();
    assertThat(tree.size()).isZero();
  }

  @Test
  void remove_unknownFilterOrValue_changesNothing() {
    tree.add(filter("a/b"), "s1");

    assertThat(tree.remove(filter("a/c"), "s1")).isFalse();
    assertThat(tree.remove(filter("a/b/c/d"), "s1")).isFalse();
    assertThat(tree.remove(filter("a/#"), "s1")).isFalse();
    assertThat(tree.remove(filter("a/b"), "s2")).isFalse();

    assertThat(tree.size()).isEqualTo(1);
    assertThat(tree.nodeCount()).isEqualTo(3);
    assertThat(matchAll("a/b")).containsExactly("s1");
  }

  @Test
  void remove_oneOfTwoValues_keepsTheOther() {
    tree.add(filter("a/+"), "s1");
    tree.add(filter("a/+"), "s2");

    tree.remove(filter("a/+"), "s1");

    assertThat(matchAll("a/b")).containsExactly("s2");
    assertThat(tree.nodeCount()).isEqualTo(3);
  }

  @Test
  void remove_detachesEmptyNodesUpThePathButKeepsLiveOnes() {
    tree.add(filter("a/b"), "short");
    tree.add(filter("a/b/c/d/e"), "long");
    tree.add(filter("a/+/c"), "plus");
    assertThat(tree.nodeCount()).isEqualTo(1 + 5 + 2);

    tree.remove(filter("a/b/c/d/e"), "long");
    assertThat(tree.nodeCount()).isEqualTo(1 + 2 + 2);

    tree.remove(filter("a/+/c"), "plus");
    assertThat(tree.nodeCount()).isEqualTo(3);
    assertThat(matchAll("a/b")).containsExactly("short");

    tree.remove(filter("a/b"), "short");
    assertThat(tree.nodeCount()).isEqualTo(1);
    assertThat(tree.isEmpty()).isTrue();
  }

  @Test
  void addAndRemove10kDistinctFilters_leavesOnlyTheRoot() {
    List<TopicFilter> filters = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String site = "site" + (i % 37);
      switch (i % 5) {
        case 0 -> filters.add(filter("plant/" + site + "/line/" + i + "/temp"));
        case 1 -> filters.add(filter("plant/" + site + "/+/" + i));
        case 2 -> filters.add(filter("plant/" + site + "/line" + i + "/#"));
        case 3 -> filters.add(filter("+/" + i + "/+/#"));
        default -> filters.add(filter("$share/g" + i + "/deep/" + i + "/a/b/c/d"));
      }
    }
    for (int i = 0; i < filters.size(); i++) {
      tree.add(filters.get(i), "client" + i);
    }
    assertThat(tree.size()).isEqualTo(10_000);
    assertThat(tree.nodeCount()).isGreaterThan(10_000);

    for (int i = 0; i < filters.size(); i++) {
      assertThat(tree.remove(filters.get(i), "client" + i)).isTrue();
    }

    assertThat(tree.size()).isZero();
    assertThat(tree.nodeCount()).isEqualTo(1);
  }

  @Test
  void churn_withLongLivedSubscriptions_returnsToTheSameNodeCount() {
    tree.add(filter("plant/+/line/#"), "dashboard");
    tree.add(filter("plant/site1/line/1/temp"), "logger");
    int baseline = tree.nodeCount();

    for (int round = 0; round < 100; round++) {
      for (int i = 0; i < 100; i++) {
        tree.add(filter("plant/site1/line/" + i + "/temp"), "c" + round + "-" + i);
      }
      for (int i = 0; i < 100; i++) {
        tree.remove(filter("plant/site1/line/" + i + "/temp"), "c" + round + "-" + i);
      }
    }

    assertThat(tree.nodeCount()).isEqualTo(baseline);
    assertThat(matchAll("plant/site1/line/1/temp")).containsExactlyInAnyOrder("dashboard", "logger");
  }

  // ---- robustness ----

  @Test
  void veryDeepFiltersAndTopics_doNotOverflowTheStack() {
    int levels = 30_000;
    tree.add(filter("+/".repeat(levels - 1) + "+"), "all-plus");
    tree.add(filter("a/".repeat(levels - 1) + "#"), "deep-hash");
    TopicName deepTopic = TopicName.of("a/".repeat(levels - 1) + "a");

    assertThat(tree.matchAll(deepTopic)).containsExactlyInAnyOrder("all-plus", "deep-hash");

    tree.remove(filter("+/".repeat(levels - 1) + "+"), "all-plus");
    tree.remove(filter("a/".repeat(levels - 1) + "#"), "deep-hash");
    assertThat(tree.nodeCount()).isEqualTo(1);
  }

  @Test
  void nullArguments_areRejected() {
    assertThatThrownBy(() -> tree.add(null, "s1")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> tree.add(filter("a"), null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> tree.remove(filter("a"), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> tree.match(TopicName.of("a"), null))
        .isInstanceOf(NullPointerException.class);
  }

  // ---- concurrency ----

  @Test
  void concurrentWritersAndReaders_readersAlwaysSeeLongLivedSubscriptions() throws Exception {
    // Long-lived subscriptions are complete before readers start, so every match must see them
    // whatever the writers add, remove and compact around them on the same paths.
    tree.add(filter("plant/+/temp"), "any-site");
    tree.add(filter("plant/#"), "plant");
    tree.add(filter("plant/s1/temp"), "s1");
    tree.add(filter("+/s1/temp"), "any-plant");
    int baselineNodes = tree.nodeCount();
    TopicName s1Temp = TopicName.of("plant/s1/temp");
    TopicName s7Temp = TopicName.of("plant/s7/temp");

    int writers = 2;
    int readers = 2;
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String writer = "w" + w;
      threads.add(
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int round = 0; round < 300; round++) {
                    List<TopicFilter> churn = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                      churn.add(filter("plant/s" + (i % 10) + "/temp"));
                      churn.add(filter("plant/s" + i + "/temp/" + round));
                      churn.add(filter("plant/+/temp/#"));
                      churn.add(filter("+/s1/" + i));
                    }
                    for (TopicFilter f : churn) {
                      tree.add(f, writer + ":" + f);
                    }
                    for (TopicFilter f : churn) {
                      tree.remove(f, writer + ":" + f);
                    }
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "writer-" + w));
    }
    for (int r = 0; r < readers; r++) {
      threads.add(
          new Thread(
              () -> {
                try {
                  start.await();
                  while (!stop.get()) {
                    assertThat(tree.matchAll(s1Temp))
                        .contains("any-site", "plant", "s1", "any-plant");
                    assertThat(tree.matchAll(s7Temp)).contains("any-site", "plant");
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "reader-" + r));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread thread : threads.subList(0, writers)) {
      thread.join(TimeUnit.MINUTES.toMillis(2));
    }
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(1));
    }

    assertThat(failures).isEmpty();
    assertThat(threads).noneMatch(Thread::isAlive);
    assertThat(tree.size()).isEqualTo(4);
    assertThat(tree.nodeCount()).isEqualTo(baselineNodes);
    assertThat(tree.matchAll(s1Temp))
        .containsExactlyInAnyOrder("any-site", "plant", "s1", "any-plant");
  }
}
