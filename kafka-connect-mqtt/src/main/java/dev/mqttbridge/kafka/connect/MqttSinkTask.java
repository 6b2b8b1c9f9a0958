package dev.mqttbridge.kafka.connect;

import dev.mqttbridge.kafka.connect.config.MqttSinkConnectorConfig;
import dev.mqttbridge.kafka.connect.sink.AcknowledgedOffsets;
import dev.mqttbridge.kafka.connect.sink.PublishSession;
import dev.mqttbridge.kafka.connect.sink.RecordConverter;
import dev.mqttbridge.kafka.connect.sink.SessionFactory;
import dev.mqttbridge.kafka.connect.sink.TemplateException;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes records to MQTT. {@code put} hands records to the client asynchronously and waits only
 * when {@code mqtt.max.pending.records} are unacknowledged; {@code preCommit} returns per partition
 * the offset past the records the broker acknowledged without a gap. A lost connection rewinds each
 * partition to its first unacknowledged record and connects again, so order per partition holds and
 * nothing unacknowledged is committed; records the broker had acknowledged just before the loss may
 * be published twice. Once the broker acknowledged records, {@code put} asks Connect to commit on
 * its next loop, so a crash publishes again about the pending records, whatever {@code
 * offset.flush.interval.ms} is.
 */
public class MqttSinkTask extends SinkTask {

  private static final Logger LOG = LoggerFactory.getLogger(MqttSinkTask.class);
  private static final long RETRY_BACKOFF_MS = 1_000;

  private final AcknowledgedOffsets offsets = new AcknowledgedOffsets();
  /** Partitions rewound in this put: their remaining records come again from the new position. */
  private final Set<TopicPartition> rewinding = new HashSet<>();
  private MqttSinkConnectorConfig config;
  private RecordConverter converter;
  private SessionFactory sessions;
  private PublishSession session;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    config = new MqttSinkConnectorConfig(props);
    config.connection().requireSupported();
    converter = new RecordConverter(config.topicTemplate(), config.qos(), config.retain(),
        config.tombstoneMode());
    sessions = new SessionFactory(config.connection(), config.clientId(), config.sessionExpirySeconds(),
        config.maxPendingRecords());
    try {
      session = sessions.connect();
    } catch (RetriableException e) {
      LOG.warn("{}; put() keeps trying", e.getMessage());
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    reportRefusals();
    ensureSession();
    for (SinkRecord record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.kafkaPartition());
      if (rewinding.contains(partition) || offsets.handedOver(partition, record.kafkaOffset())) {
        continue;
      }
      if (session.isBroken()) {
        replaceLostSession();
        continue;
      }
      publish(partition, record);
    }
    rewinding.clear();
    reportRefusals();
    if (offsets.takeProgress()) {
      // Connect commits on its next loop instead of after offset.flush.interval.ms: a crash then
      // publishes again little more than the pending records.
      context.requestCommit();
    }
  }

  private void publish(TopicPartition partition, SinkRecord record) {
    Optional<MqttMessage> message;
    try {
      message = converter.convert(record);
    } catch (TemplateException e) {
      AcknowledgedOffsets.Entry entry = offsets.handOver(partition, record);
      report(record, e);
      offsets.settle(entry);
      return;
    }
    if (message.isEmpty()) {
      offsets.settle(offsets.handOver(partition, record));
      return;
    }
    if (!awaitRoom()) {
      return;
    }
    AcknowledgedOffsets.Entry entry = offsets.handOver(partition, record);
    CompletableFuture<MqttPublishResult> result = session.publish(message.get());
    result.whenComplete((done, error) -> {
      if (error != null) {
        return; // the session is broken: the task rewinds to this record
      }
      if (done.isSuccess()) {
        offsets.settle(entry);
      } else {
        offsets.refuse(entry, "MQTT broker refused the publish to " + done.message().topic()
            + " with " + done.reasonCode()
            + (done.reasonString() == null ? "" : " (" + done.reasonString() + ")"));
      }
    });
  }

  /** Waits for room among the pending records; false when the session broke meanwhile. */
  private boolean awaitRoom() {
    boolean room;
    try {
      room = session.awaitRoom(config.publishTimeoutMs());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while waiting for MQTT acknowledgements", e);
    }
    if (room) {
      return true;
    }
    if (session.isBroken()) {
      replaceLostSession();
      return false;
    }
    context.timeout(RETRY_BACKOFF_MS);
    throw new RetriableException(config.maxPendingRecords() + " records wait for the MQTT"
        + " broker's acknowledgement for over " + config.publishTimeoutMs() + " ms");
  }

  private void ensureSession() {
    if (session == null) {
      connectOrRetry();
    } else if (session.isBroken()) {
      replaceLostSession();
    }
  }

  /** Rewinds to the first unacknowledged record of each partition and connects again. */
  private void replaceLostSession() {
    LOG.warn("MQTT connection of {} lost: rewinding to the first unacknowledged records",
        session.clientId());
    session.close();
    session = null;
    Map<TopicPartition, Long> positions = offsets.rewind();
    if (!positions.isEmpty()) {
      context.offset(positions);
      rewinding.addAll(positions.keySet());
    }
    connectOrRetry();
  }

  private void connectOrRetry() {
    try {
      session = sessions.connect();
    } catch (RetriableException e) {
      context.timeout(RETRY_BACKOFF_MS);
      throw e;
    }
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    reportRefusals();
    Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>(offsets.committable());
    committable.keySet().retainAll(currentOffsets.keySet());
    return committable;
  }

  private void reportRefusals() {
    for (AcknowledgedOffsets.Refusal refusal : offsets.drainRefusals()) {
      report(refusal.entry().record(), new ConnectException(refusal.reason()));
      offsets.settle(refusal.entry());
    }
  }

  /** Sends a record to the dead letter queue, or fails the task when errors are not tolerated. */
  private void report(SinkRecord record, Exception error) {
    ErrantRecordReporter reporter = context.errantRecordReporter();
    if (reporter == null) {
      throw new ConnectException("Record " + record.topic() + "-" + record.kafkaPartition() + "@"
          + record.kafkaOffset() + " cannot be published: " + error.getMessage(), error);
    }
    LOG.debug("Reporting {}-{}@{}: {}", record.topic(), record.kafkaPartition(),
        record.kafkaOffset(), error.getMessage());
    try {
      reporter.report(record, error).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while reporting an errant record", e);
    } catch (ExecutionException e) {
      throw new ConnectException("Dead letter queue write failed", e.getCause());
    }
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    offsets.forget(partitions);
  }

  @Override
  public void stop() {
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
