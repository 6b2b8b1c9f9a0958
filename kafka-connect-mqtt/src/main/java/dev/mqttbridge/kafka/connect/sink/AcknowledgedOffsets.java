package dev.mqttbridge.kafka.connect.sink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Per partition, the records handed to MQTT in offset order and which of them are settled
 * (acknowledged by the broker, skipped, or reported to the dead letter queue). The committable
 * offset of a partition is just past the longest settled prefix, so a commit never passes a record
 * the broker has not acknowledged. Completions arrive on the client's callback thread, the rest on
 * the task thread: every method is synchronized.
 */
public final class AcknowledgedOffsets {

  /** One record handed over; settled once, from any thread. */
  public static final class Entry {
    private final TopicPartition partition;
    private final SinkRecord record;
    private boolean settled;
    private boolean discarded;

    private Entry(TopicPartition partition, SinkRecord record) {
      this.partition = partition;
      this.record = record;
    }

    /** The record. */
    public SinkRecord record() {
      return record;
    }
  }

  /** A publish the broker refused, waiting for the task thread to report it. */
  public record Refusal(Entry entry, String reason) {}

  private static final class Partition {
    final ArrayDeque<Entry> pending = new ArrayDeque<>();
    /** Highest offset handed over, or -1. */
    long lastHandedOver = -1;
    /** Next offset to commit, or -1 when nothing settled yet. */
    long committable = -1;
  }

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();
  private final List<Refusal> refusals = new ArrayList<>();
  /** A record settled since {@link #takeProgress} last answered. */
  private boolean progress;

  /** Whether the record was already handed over (Connect retrying a batch after an exception). */
  public synchronized boolean handedOver(TopicPartition partition, long offset) {
    Partition state = partitions.get(partition);
    return state != null && offset <= state.lastHandedOver;
  }

  /** Registers a record about to be published or settled, in offset order. */
  public synchronized Entry handOver(TopicPartition partition, SinkRecord record) {
    Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
    Entry entry = new Entry(partition, record);
    state.pending.addLast(entry);
    state.lastHandedOver = Math.max(state.lastHandedOver, record.kafkaOffset());
    return entry;
  }

  /** The record is done with: acknowledged, skipped or reported. */
  public synchronized void settle(Entry entry) {
    entry.settled = true;
    progress = true;
  }

  /**
   * Whether a record settled since the last call, so the committable offsets may have moved. The
   * task then asks Connect for a commit at once: what a crash makes it publish again is then about
   * the records pending at the time, not everything acknowledged in an offset flush interval.
   */
  public synchronized boolean takeProgress() {
    boolean moved = progress;
    progress = false;
    return moved;
  }

  /** The broker refused the record; the task reports it, then settles it. */
  public synchronized void refuse(Entry entry, String reason) {
    if (!entry.discarded) {
      refusals.add(new Refusal(entry, reason));
    }
  }

  /** The refusals not yet reported, oldest first. */
  public synchronized List<Refusal> drainRefusals() {
    List<Refusal> out = List.copyOf(refusals);
    refusals.clear();
    return out;
  }

  /** Offsets to commit: per partition, just past the settled prefix; only partitions that moved. */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    partitions.forEach((partition, state) -> {
      while (!state.pending.isEmpty() && state.pending.peekFirst().settled) {
        state.committable = state.pending.removeFirst().record.kafkaOffset() + 1;
      }
      if (state.committable >= 0) {
        out.put(partition, new OffsetAndMetadata(state.committable));
      }
    });
    return out;
  }

  /** Whether records are handed over but not settled. */
  public synchronized int pendingCount() {
    committable();
    return partitions.values().stream().mapToInt(p -> p.pending.size()).sum();
  }

  /**
   * Forgets every unsettled record after a lost connection and says where each partition must be
   * read again: its first unsettled offset. Late completions of the forgotten records are ignored.
   */
  public synchronized Map<TopicPartition, Long> rewind() {
    committable();
    Map<TopicPartition, Long> positions = new HashMap<>();
    partitions.forEach((partition, state) -> {
      if (!state.pending.isEmpty()) {
        long first = state.pending.peekFirst().record.kafkaOffset();
        positions.put(partition, first);
        state.pending.forEach(e -> e.discarded = true);
        state.pending.clear();
        state.lastHandedOver = first - 1;
      }
    });
    refusals.clear();
    return positions;
  }

  /** Forgets partitions this task no longer owns. */
  public synchronized void forget(Collection<TopicPartition> revoked) {
    for (TopicPartition partition : revoked) {
      Partition state = partitions.remove(partition);
      if (state != null) {
        state.pending.forEach(e -> e.discarded = true);
      }
    }
    refusals.removeIf(r -> revoked.contains(r.entry().partition));
  }
}
