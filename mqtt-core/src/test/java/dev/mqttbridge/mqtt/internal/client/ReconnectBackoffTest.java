package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

  private final MqttReconnectPolicy policy =
      MqttReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1))
          .withSessionTakenOverDelay(Duration.ofSeconds(60));

  @Test
  void withoutJitterDraw_doublesUpToMaximum() {
    ReconnectBackoff backoff = new ReconnectBackoff(policy, () -> 0);
    assertThat(backoff.delayMillis(0)).isEqualTo(100);
    assertThat(backoff.delayMillis(1)).isEqualTo(200);
    assertThat(backoff.delayMillis(3)).isEqualTo(800);
    assertThat(backoff.delayMillis(4)).isEqualTo(1000);
    assertThat(backoff.delayMillis(1000)).isEqualTo(1000);
  }

  @Test
  void jitter_takesUpToItsFractionOff() {
    ReconnectBackoff backoff = new ReconnectBackoff(policy, () -> 1);
    assertThat(backoff.delayMillis(0)).isEqualTo(50);
  }

  @Test
  void sessionTakenOver_waitsMuchLonger() {
    ReconnectBackoff backoff = new ReconnectBackoff(policy, () -> 1);
    assertThat(backoff.sessionTakenOverDelayMillis()).isGreaterThan(backoff.delayMillis(100) * 10);
  }
}
