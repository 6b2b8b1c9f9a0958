package dev.mqttbridge.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetainedReadProgressTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void nothingArrives_completeAfterQuietPeriodOnly() {
    RetainedReadProgress progress = new RetainedReadProgress(Duration.ofSeconds(2), 0);

    assertThat(progress.isComplete(2 * SECOND - 1)).isFalse();
    assertThat(progress.isComplete(2 * SECOND)).isTrue();
    assertThat(progress.received()).isZero();
  }

  @Test
  void subackLate_quietPeriodCountsFromIt() {
    RetainedReadProgress progress = new RetainedReadProgress(Duration.ofSeconds(2), 0);
    progress.activity(5 * SECOND);

    assertThat(progress.isComplete(6 * SECOND)).isFalse();
    assertThat(progress.isComplete(7 * SECOND)).isTrue();
  }

  @Test
  void unacknowledgedMessage_neverComplete_evenLongAfterItArrived() {
    RetainedReadProgress progress = new RetainedReadProgress(Duration.ofSeconds(2), 0);
    progress.received(SECOND);
    progress.received(SECOND);
    progress.acknowledged(2 * SECOND);

    assertThat(progress.outstanding()).isEqualTo(1);
    assertThat(progress.isComplete(600 * SECOND)).isFalse();
  }

  @Test
  void lastAcknowledgement_quietPeriodCountsFromIt() {
    RetainedReadProgress progress = new RetainedReadProgress(Duration.ofSeconds(2), 0);
    progress.received(SECOND);
    progress.acknowledged(10 * SECOND); // Kafka was slow: the broker sends more only now

    assertThat(progress.isComplete(11 * SECOND)).isFalse();
    assertThat(progress.isComplete(12 * SECOND)).isTrue();
    assertThat(progress.received()).isEqualTo(1);
    assertThat(progress.outstanding()).isZero();
  }
}
