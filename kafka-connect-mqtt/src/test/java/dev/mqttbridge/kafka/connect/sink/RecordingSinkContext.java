package dev.mqttbridge.kafka.connect.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A sink task context that records rewinds and reported records, as a worker would see them. */
public final class RecordingSinkContext implements SinkTaskContext {

  /** A record reported to the dead letter queue, with its error. */
  public record Reported(SinkRecord record, Throwable error) {}

  private final Map<TopicPartition, Long> rewinds = new HashMap<>();
  private final List<Reported> reported = new ArrayList<>();
  private final boolean withReporter;
  private int commitRequests;

  /** A context with a reporter (errors.tolerance=all) or without one. */
  public RecordingSinkContext(boolean withReporter) {
    this.withReporter = withReporter;
  }

  /** Offsets the task asked to read again. */
  public synchronized Map<TopicPartition, Long> rewinds() {
    return Map.copyOf(rewinds);
  }

  /** Records sent to the dead letter queue. */
  public synchronized List<Reported> reported() {
    return List.copyOf(reported);
  }

  @Override
  public Map<String, String> configs() {
    return Map.of();
  }

  @Override
  public synchronized void offset(Map<TopicPartition, Long> offsets) {
    rewinds.putAll(offsets);
  }

  @Override
  public synchronized void offset(TopicPartition partition, long offset) {
    rewinds.put(partition, offset);
  }

  @Override
  public void timeout(long timeoutMs) {}

  @Override
  public Set<TopicPartition> assignment() {
    return Set.of();
  }

  @Override
  public void pause(TopicPartition... partitions) {}

  @Override
  public void resume(TopicPartition... partitions) {}

  /** How often the task asked for an offset commit. */
  public synchronized int commitRequests() {
    return commitRequests;
  }

  @Override
  public synchronized void requestCommit() {
    commitRequests++;
  }

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    if (!withReporter) {
      return null;
    }
    return (record, error) -> {
      synchronized (this) {
        reported.add(new Reported(record, error));
      }
      return CompletableFuture.completedFuture(null);
    };
  }
}
