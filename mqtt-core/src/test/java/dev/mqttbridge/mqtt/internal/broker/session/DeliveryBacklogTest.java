package dev.mqttbridge.mqtt.internal.broker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryBacklogTest {

  @Test
  void tryAdd_refusedAtLimit_addCountsAnyway() {
    DeliveryBacklog backlog = new DeliveryBacklog(2);
    assertThat(backlog.tryAdd()).isTrue();
    assertThat(backlog.tryAdd()).isTrue();
    assertThat(backlog.tryAdd()).isFalse();
    backlog.add();
    assertThat(backlog.size()).isEqualTo(3);
  }

  @Test
  void whenDrained_runsOnceWhenDownToHalf_orAtOnceIfAlready() {
    DeliveryBacklog backlog = new DeliveryBacklog(4);
    for (int i = 0; i < 4; i++) {
      backlog.tryAdd();
    }
    AtomicInteger runs = new AtomicInteger();
    backlog.whenDrained(runs::incrementAndGet);
    backlog.taken(); // 3
    assertThat(runs).hasValue(0);
    backlog.taken(); // 2: half
    assertThat(runs).hasValue(1);
    backlog.taken();
    assertThat(runs).hasValue(1);

    backlog.whenDrained(runs::incrementAndGet); // 1 <= 2: at once
    assertThat(runs).hasValue(2);
  }

  @Test
  void failingAction_doesNotStopTheOthers() {
    DeliveryBacklog backlog = new DeliveryBacklog(2);
    backlog.tryAdd();
    backlog.tryAdd();
    AtomicInteger runs = new AtomicInteger();
    backlog.whenDrained(() -> {
      throw new IllegalStateException("boom");
    });
    backlog.whenDrained(runs::incrementAndGet);
    backlog.taken();
    assertThat(runs).hasValue(1);
  }

  @Test
  void limitBelowOne_refused() {
    assertThatThrownBy(() -> new DeliveryBacklog(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
