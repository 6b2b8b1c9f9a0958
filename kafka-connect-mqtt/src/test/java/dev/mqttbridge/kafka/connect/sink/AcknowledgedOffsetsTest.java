package dev.mqttbridge.kafka.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class AcknowledgedOffsetsTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);

  private static SinkRecord at(long offset) {
    return new SinkRecord("t", 0, null, null, null, "v", offset);
  }

  @Test
  void committable_stopsAtTheFirstUnacknowledgedRecord() {
    AcknowledgedOffsets offsets = new AcknowledgedOffsets();
    AcknowledgedOffsets.Entry first = offsets.handOver(P0, at(10));
    AcknowledgedOffsets.Entry second = offsets.handOver(P0, at(11));
    AcknowledgedOffsets.Entry third = offsets.handOver(P0, at(12));

    offsets.settle(second);
    offsets.settle(third);
    assertThat(offsets.committable()).isEmpty();

    offsets.settle(first);
    assertThat(offsets.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
  }

  @Test
  void rewind_returnsFirstUnsettledOffsetAndIgnoresLateRefusals() {
    AcknowledgedOffsets offsets = new AcknowledgedOffsets();
    offsets.settle(offsets.handOver(P0, at(1)));
    AcknowledgedOffsets.Entry unacked = offsets.handOver(P0, at(2));
    offsets.handOver(P0, at(3));

    assertThat(offsets.rewind()).isEqualTo(Map.of(P0, 2L));
    offsets.refuse(unacked, "late");

    assertThat(offsets.drainRefusals()).isEmpty();
    assertThat(offsets.handedOver(P0, 1)).isTrue();
    assertThat(offsets.handedOver(P0, 2)).isFalse();
    assertThat(offsets.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
  }

  @Test
  void handedOver_recognisesARetriedBatch() {
    AcknowledgedOffsets offsets = new AcknowledgedOffsets();
    offsets.handOver(P0, at(5));

    assertThat(offsets.handedOver(P0, 5)).isTrue();
    assertThat(offsets.handedOver(P0, 6)).isFalse();
    assertThat(offsets.handedOver(new TopicPartition("t", 1), 5)).isFalse();
  }

  @Test
  void takeProgress_tellsOnceThatRecordsSettled() {
    AcknowledgedOffsets offsets = new AcknowledgedOffsets();
    AcknowledgedOffsets.Entry entry = offsets.handOver(P0, at(7));
    assertThat(offsets.takeProgress()).isFalse();

    offsets.settle(entry);

    assertThat(offsets.takeProgress()).isTrue();
    assertThat(offsets.takeProgress()).isFalse();
  }
}
