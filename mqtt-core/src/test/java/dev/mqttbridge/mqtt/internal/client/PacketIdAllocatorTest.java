package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketIdAllocatorTest {

  @Test
  void allocatesAllIds_thenNone_thenReleasedOnes() {
    PacketIdAllocator ids = new PacketIdAllocator();
    for (int i = 1; i <= 65_535; i++) {
      assertThat(ids.allocate()).isEqualTo(i);
    }
    assertThat(ids.allocate()).isZero();
    ids.release(300);
    assertThat(ids.allocate()).isEqualTo(300);
  }

  @Test
  void doesNotReuseAReleasedIdAtOnce() {
    PacketIdAllocator ids = new PacketIdAllocator();
    int first = ids.allocate();
    ids.release(first);
    assertThat(ids.allocate()).isNotEqualTo(first);
    assertThat(ids.inUse()).isEqualTo(1);
  }
}
