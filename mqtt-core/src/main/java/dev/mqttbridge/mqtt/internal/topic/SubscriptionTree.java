package dev.mqttbridge.mqtt.internal.topic;

import dev.mqttbridge.mqtt.topic.TopicFilter;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The subscription index shared by the broker and the client: values subscribed with topic
 * filters, found by the topic name of a PUBLISH.
 *
 * <p>Each level of the tree holds an exact-match index of literal child levels, one {@code +}
 * child, the values whose filter ends at that level and the values whose filter is that level
 * followed by {@code #}. Matching a topic of n levels therefore walks at most the literal path and
 * the {@code +} branches that exist, never the whole tree. Matching follows MQTT section 4.7,
 * including [MQTT-4.7.2-1]: a {@code #} or {@code +} at the first level never matches a topic
 * starting with {@code $}.
 *
 * <p><b>What is indexed.</b> The tree indexes the {@linkplain TopicFilter#filter() effective
 * filter} text; the {@code $share/{ShareName}/} prefix of a shared subscription is ignored, so
 * {@code $share/g/a/+} and {@code a/+} land on the same node. Callers that need to tell them apart
 * put the share name into the value.
 *
 * <p><b>Values.</b> Values are compared with {@link Object#equals(Object)}: per filter, a value is
 * held at most once, {@link #add} of an equal value is a no-op, and {@link #remove} removes the
 * equal value. A value subscribed with several filters that match the same topic (for example
 * {@code a/+} and {@code a/#}) is visited once per matching filter, so twice in that example;
 * collapsing those is the caller's business (MQTT lets the server deliver one or several copies).
 *
 * <p><b>Concurrency.</b> {@link #match} is lock-free and may run on any number of threads at the
 * same time as writes. {@link #add} and {@link #remove} are serialised by a lock. A match never
 * sees a torn state: each level's values are an immutable array swapped in whole, and nodes are
 * published fully built through {@code volatile} fields and {@link
 * java.util.concurrent.ConcurrentHashMap}. A match is weakly consistent, like a concurrent
 * collection's iterator: it sees every subscription that was complete before it started and not
 * removed until it finished; one added or removed while it runs may or may not be visited.
 *
 * <p><b>Memory.</b> Removing a subscription detaches nodes left empty, up the path, so a
 * long-running broker with churning subscriptions does not accumulate dead nodes. Adding a value to
 * a filter copies that filter's value array, so a write costs O(values on the same filter).
 *
 * @param <T> the subscribed values, for example a session with its subscription options
 */
public final class SubscriptionTree<T> {

  private static final String MULTI_LEVEL_WILDCARD = "#";

  private final SubscriptionNode<T> root = new SubscriptionNode<>();
  private final Object writeLock = new Object();

  /** Written only under the write lock; volatile so that readers see a recent count. */
  private volatile int size;

  /**
   * Subscribes a value with a filter (its effective filter, see the class comment).
   *
   * @param filter the topic filter
   * @param value the value to visit when a topic matches the filter
   * @return true if added, false if an equal value was already subscribed with the same effective
   *     filter
   */
  public boolean add(TopicFilter filter, T value) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(value, "value");
    List<String> levels = filter.levels();
    boolean multiLevel = endsWithMultiLevelWildcard(levels);
    int pathLength = multiLevel ? levels.size() - 1 : levels.size();
    synchronized (writeLock) {
      SubscriptionNode<T> node = root;
      for (int i = 0; i < pathLength; i++) {
        node = node.getOrCreateChild(levels.get(i));
      }
      // An equal value already there implies the whole path existed: nothing empty is left behind.
      boolean added = node.addEntry(multiLevel, value);
      if (added) {
        size = size + 1;
      }
      return added;
    }
  }

  /**
   * Unsubscribes the value equal to the given one from a filter (its effective filter), then
   * detaches every node this leaves empty.
   *
   * @param filter the topic filter the value was added with
   * @param value a value equal to the one added
   * @return true if it was subscribed and is now removed
   */
  public boolean remove(TopicFilter filter, T value) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(value, "value");
    List<String> levels = filter.levels();
    boolean multiLevel = endsWithMultiLevelWildcard(levels);
    int pathLength = multiLevel ? levels.size() - 1 : levels.size();
    synchronized (writeLock) {
      SubscriptionNode<T> node = root;
      for (int i = 0; i < pathLength && node != null; i++) {
        node = node.child(levels.get(i));
      }
      if (node == null || !node.removeEntry(multiLevel, value)) {
        return false;
      }
      size = size - 1;
      for (SubscriptionNode<T> parent = node.parent();
          parent != null && node.isEmpty();
          node = parent, parent = node.parent()) {
        parent.removeChild(node);
      }
      return true;
    }
  }

  /**
   * Visits every value whose filter matches the topic name, once per matching filter. Lock-free;
   * see the class comment for what a concurrent write may or may not show. The order is
   * unspecified.
   *
   * @param topic the topic name of a PUBLISH
   * @param sink receives each matching value; it must not write to this tree
   */
  public void match(TopicName topic, Consumer<? super T> sink) {
    Objects.requireNonNull(sink, "sink");
    List<String> levels = topic.levels();
    int levelCount = levels.size();
    boolean systemTopic = topic.isSystemTopic();
    PendingBranches<T> pending = null; // allocated only when a '+' branch needs to wait its turn
    SubscriptionNode<T> node = root;
    int depth = 0;
    while (true) {
      if (depth == levelCount) {
        node.forEachEntry(sink);
        node.forEachMultiLevelEntry(sink); // "sport/#" matches "sport" too
        node = null;
      } else {
        // [MQTT-4.7.2-1]: no wildcard at the first level matches a topic starting with '$'.
        if (depth > 0 || !systemTopic) {
          node.forEachMultiLevelEntry(sink);
          SubscriptionNode<T> single = node.singleLevelChild();
          if (single != null) {
            if (pending == null) {
              pending = new PendingBranches<>();
            }
            pending.push(single, depth + 1);
          }
        }
        node = node.exactChild(levels.get(depth));
        depth++;
      }
      if (node == null) {
        if (pending == null || pending.isEmpty()) {
          return;
        }
        depth = pending.peekDepth();
        node = pending.pop();
      }
    }
  }

  /**
   * Every value whose filter matches the topic name, once per matching filter; a convenience over
   * {@link #match(TopicName, Consumer)}.
   *
   * @param topic the topic name of a PUBLISH
   * @return a new mutable list, in no particular order
   */
  public List<T> matchAll(TopicName topic) {
    List<T> matches = new ArrayList<>();
    match(topic, matches::add);
    return matches;
  }

  /**
   * The number of (filter, value) subscriptions held.
   *
   * @return the count of successful adds minus successful removes
   */
  public int size() {
    return size;
  }

  /**
   * Whether no subscription is held.
   *
   * @return true if {@link #size()} is zero
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Nodes reachable from the root, root included; for tests of compaction. */
  int nodeCount() {
    int count = 0;
    Deque<SubscriptionNode<T>> toVisit = new ArrayDeque<>();
    toVisit.push(root);
    while (!toVisit.isEmpty()) {
      SubscriptionNode<T> node = toVisit.pop();
      count++;
      node.forEachChild(toVisit::push);
    }
    return count;
  }

  private static boolean endsWithMultiLevelWildcard(List<String> levels) {
    return levels.get(levels.size() - 1).equals(MULTI_LEVEL_WILDCARD);
  }
}
