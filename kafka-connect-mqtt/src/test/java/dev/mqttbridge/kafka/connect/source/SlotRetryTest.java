package dev.mqttbridge.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotRetryTest {

  @ParameterizedTest(name = "after {0} failures wait {1} ms")
  @CsvSource({"1, 1000", "2, 2000", "3, 4000", "6, 32000", "7, 60000", "100, 60000"})
  void delay_doublesFromOneSecondUpToOneMinute(int attempts, long millis) {
    assertThat(SlotRetry.delay(attempts)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void retry_isDueOnlyAfterItsDelay() {
    SlotRetry retry = SlotRetry.afterFirstFailure(3, 0);

    assertThat(retry.isDue(Duration.ofMillis(999).toNanos())).isFalse();
    assertThat(retry.isDue(Duration.ofMillis(1000).toNanos())).isTrue();
    SlotRetry next = retry.afterFailure(Duration.ofSeconds(1).toNanos());
    assertThat(next.slot()).isEqualTo(3);
    assertThat(next.attempts()).isEqualTo(2);
    assertThat(next.isDue(Duration.ofMillis(2999).toNanos())).isFalse();
    assertThat(next.isDue(Duration.ofMillis(3000).toNanos())).isTrue();
  }
}
