package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import org.junit.jupiter.api.Test;

class RedeliveryTrackerTest {

  @Test
  void identity_sameTopicPayloadAndCorrelation_equalWhateverQosOrRetain() {
    MqttMessage first = MqttMessage.builder("a/b").payload("x").qos(1).build();
    MqttMessage redelivered = MqttMessage.builder("a/b").payload("x").qos(2).retain(true).build();
    assertThat(RedeliveryTracker.identity(redelivered)).isEqualTo(RedeliveryTracker.identity(first));
  }

  @Test
  void identity_otherTopicPayloadOrCorrelation_differs() {
    String base = RedeliveryTracker.identity(MqttMessage.builder("a/b").payload("x").build());
    assertThat(RedeliveryTracker.identity(MqttMessage.builder("a/c").payload("x").build()))
        .isNotEqualTo(base);
    assertThat(RedeliveryTracker.identity(MqttMessage.builder("a/b").payload("y").build()))
        .isNotEqualTo(base);
    assertThat(RedeliveryTracker.identity(MqttMessage.builder("a/b").payload("x")
        .correlationData(new byte[] {1}).build())).isNotEqualTo(base);
  }

  @Test
  void recordFailure_countsPerIdentityUntilForgotten() {
    RedeliveryTracker tracker = new RedeliveryTracker(10);
    assertThat(tracker.failures("m")).isZero();
    assertThat(tracker.recordFailure("m")).isEqualTo(1);
    assertThat(tracker.recordFailure("m")).isEqualTo(2);
    assertThat(tracker.failures("other")).isZero();
    tracker.forget("m");
    assertThat(tracker.failures("m")).isZero();
  }

  @Test
  void recordFailure_beyondCapacity_forgetsLeastRecentlyUsed() {
    RedeliveryTracker tracker = new RedeliveryTracker(2);
    tracker.recordFailure("a");
    tracker.recordFailure("b");
    tracker.recordFailure("c");
    assertThat(tracker.failures("a")).isZero();
    assertThat(tracker.failures("b")).isEqualTo(1);
    assertThat(tracker.failures("c")).isEqualTo(1);
  }
}
