package dev.mqttbridge.mqtt.internal.topic;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One level of a {@link SubscriptionTree}: the values whose filter ends here, the values whose
 * filter is this path followed by {@code #}, an exact-match index of literal child levels and one
 * {@code +} child.
 *
 * <p>Reads need no lock: every field a reader follows is volatile or a {@link ConcurrentHashMap},
 * and entry arrays are never changed once published (writers swap in a copy). Writes are only made
 * by {@link SubscriptionTree} while it holds its write lock.
 *
 * @param <T> the subscribed values
 */
final class SubscriptionNode<T> {

  static final String SINGLE_LEVEL_WILDCARD = "+";

  private static final Object[] NO_ENTRIES = {};

  private final SubscriptionNode<T> parent;
  private final String level;

  /** Created with the first literal child and dropped with the last, to keep leaves small. */
  private volatile ConcurrentHashMap<String, SubscriptionNode<T>> exactChildren;

  private volatile SubscriptionNode<T> singleLevelChild;
  private volatile Object[] entries = NO_ENTRIES;
  private volatile Object[] multiLevelEntries = NO_ENTRIES;

  /** A root node. */
  SubscriptionNode() {
    this(null, null);
  }

  private SubscriptionNode(SubscriptionNode<T> parent, String level) {
    this.parent = parent;
    this.level = level;
  }

  /** The parent, or null for the root. */
  SubscriptionNode<T> parent() {
    return parent;
  }

  // ---- reads: lock-free, safe while a writer changes the node ----

  SubscriptionNode<T> exactChild(String topicLevel) {
    ConcurrentHashMap<String, SubscriptionNode<T>> children = exactChildren;
    return children == null ? null : children.get(topicLevel);
  }

  SubscriptionNode<T> singleLevelChild() {
    return singleLevelChild;
  }

  /** Visits the values subscribed with the filter that ends at this node. */
  void forEachEntry(Consumer<? super T> sink) {
    visit(entries, sink);
  }

  /** Visits the values subscribed with this node's path followed by {@code #}. */
  void forEachMultiLevelEntry(Consumer<? super T> sink) {
    visit(multiLevelEntries, sink);
  }

  @SuppressWarnings("unchecked")
  private static <T> void visit(Object[] values, Consumer<? super T> sink) {
    for (Object value : values) {
      sink.accept((T) value);
    }
  }

  /** Visits every child node, the {@code +} child included. */
  void forEachChild(Consumer<SubscriptionNode<T>> visitor) {
    ConcurrentHashMap<String, SubscriptionNode<T>> children = exactChildren;
    if (children != null) {
      children.values().forEach(visitor);
    }
    SubscriptionNode<T> single = singleLevelChild;
    if (single != null) {
      visitor.accept(single);
    }
  }

  // ---- writes: only under the tree's write lock ----

  /** The child for a filter level ({@code +} or a literal), or null if there is none. */
  SubscriptionNode<T> child(String filterLevel) {
    return filterLevel.equals(SINGLE_LEVEL_WILDCARD) ? singleLevelChild : exactChild(filterLevel);
  }

  /** The child for a filter level, created and published empty if missing. */
  SubscriptionNode<T> getOrCreateChild(String filterLevel) {
    SubscriptionNode<T> child = child(filterLevel);
    if (child != null) {
      return child;
    }
    child = new SubscriptionNode<>(this, filterLevel);
    if (filterLevel.equals(SINGLE_LEVEL_WILDCARD)) {
      singleLevelChild = child;
    } else {
      ConcurrentHashMap<String, SubscriptionNode<T>> children = exactChildren;
      if (children == null) {
        children = new ConcurrentHashMap<>(4);
        exactChildren = children;
      }
      children.put(filterLevel, child);
    }
    return child;
  }

  /** Detaches an empty child so that readers and later writers no longer reach it. */
  void removeChild(SubscriptionNode<T> child) {
    if (child.level.equals(SINGLE_LEVEL_WILDCARD)) {
      singleLevelChild = null;
      return;
    }
    ConcurrentHashMap<String, SubscriptionNode<T>> children = exactChildren;
    children.remove(child.level);
    if (children.isEmpty()) {
      exactChildren = null;
    }
  }

  /** Adds a value unless an equal one is there; returns whether it was added. */
  boolean addEntry(boolean multiLevel, T value) {
    Object[] current = multiLevel ? multiLevelEntries : entries;
    if (indexOf(current, value) >= 0) {
      return false;
    }
    Object[] updated = Arrays.copyOf(current, current.length + 1);
    updated[current.length] = value;
    setEntries(multiLevel, updated);
    return true;
  }

  /** Removes the value equal to the given one; returns whether there was one. */
  boolean removeEntry(boolean multiLevel, Object value) {
    Object[] current = multiLevel ? multiLevelEntries : entries;
    int index = indexOf(current, value);
    if (index < 0) {
      return false;
    }
    Object[] updated = NO_ENTRIES;
    if (current.length > 1) {
      updated = new Object[current.length - 1];
      System.arraycopy(current, 0, updated, 0, index);
      System.arraycopy(current, index + 1, updated, index, current.length - index - 1);
    }
    setEntries(multiLevel, updated);
    return true;
  }

  private void setEntries(boolean multiLevel, Object[] updated) {
    if (multiLevel) {
      multiLevelEntries = updated;
    } else {
      entries = updated;
    }
  }

  private static int indexOf(Object[] values, Object value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i].equals(value)) {
        return i;
      }
    }
    return -1;
  }

  /** True when the node holds nothing and leads nowhere, so it can be detached. */
  boolean isEmpty() {
    return entries.length == 0
        && multiLevelEntries.length == 0
        && singleLevelChild == null
        && exactChildren == null;
  }
}
