package dev.mqttbridge.mqtt.internal.topic;

import java.util.Arrays;

/**
 * The {@code +} branches a match still has to walk, as (node, topic level index) pairs. An
 * explicit stack rather than recursion: a filter of thousands of {@code +} levels must not be able
 * to overflow the thread stack of whoever publishes a matching topic.
 */
final class PendingBranches<T> {

  private SubscriptionNode<T>[] nodes;
  private int[] depths;
  private int size;

  @SuppressWarnings("unchecked")
  PendingBranches() {
    nodes = (SubscriptionNode<T>[]) new SubscriptionNode<?>[8];
    depths = new int[8];
  }

  void push(SubscriptionNode<T> node, int depth) {
    if (size == nodes.length) {
      nodes = Arrays.copyOf(nodes, size * 2);
      depths = Arrays.copyOf(depths, size * 2);
    }
    nodes[size] = node;
    depths[size] = depth;
    size++;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The depth of the branch on top; read before {@link #pop()}. */
  int peekDepth() {
    return depths[size - 1];
  }

  SubscriptionNode<T> pop() {
    size--;
    SubscriptionNode<T> node = nodes[size];
    nodes[size] = null;
    return node;
  }
}
