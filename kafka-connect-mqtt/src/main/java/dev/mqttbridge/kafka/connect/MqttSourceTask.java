package dev.mqttbridge.kafka.connect;

import dev.mqttbridge.kafka.connect.source.SourceTaskRuntime;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Moves MQTT messages of the task's session slots into Kafka, acknowledging each MQTT message only
 * once Kafka acknowledged its record. The work happens in {@link SourceTaskRuntime}; this class
 * only adapts it to Connect's life cycle.
 */
public class MqttSourceTask extends SourceTask {

  private volatile SourceTaskRuntime runtime;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    runtime = SourceTaskRuntime.start(props);
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    return runtime.poll();
  }

  /**
   * Kafka acknowledged the record (metadata non-null), or a transformation dropped it (null: the
   * connector refuses {@code errors.tolerance=all}, the other source of null). Runs on the
   * producer's I/O thread: it only hands the acknowledgement to the MQTT client.
   */
  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    SourceTaskRuntime current = runtime;
    if (current != null) {
      current.recordDone(record);
    }
  }

  @Override
  public void stop() {
    SourceTaskRuntime current = runtime;
    if (current != null) {
      current.close();
    }
  }
}
