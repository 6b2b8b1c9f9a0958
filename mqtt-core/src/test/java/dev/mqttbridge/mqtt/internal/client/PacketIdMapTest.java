package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacketIdMapTest {

  @Test
  void holdsReplacesAndRemovesByIdentifier() {
    PacketIdMap<String> map = new PacketIdMap<>();

    assertThat(map.put(1, "a")).isNull();
    assertThat(map.put(65_535, "z")).isNull();
    assertThat(map.put(256, "page one")).isNull();
    assertThat(map.put(1, "b")).isEqualTo("a");

    assertThat(map.size()).isEqualTo(3);
    assertThat(map.get(1)).isEqualTo("b");
    assertThat(map.get(65_535)).isEqualTo("z");
    assertThat(map.get(255)).isNull();
    assertThat(map.get(2)).isNull();

    assertThat(map.remove(1)).isEqualTo("b");
    assertThat(map.remove(1)).isNull();
    assertThat(map.remove(40_000)).isNull();
    assertThat(map.get(1)).isNull();
    assertThat(map.size()).isEqualTo(2);

    map.clear();
    assertThat(map.isEmpty()).isTrue();
    assertThat(map.get(65_535)).isNull();
    assertThat(map.put(65_535, "again")).isNull();
    assertThat(map.size()).isEqualTo(1);
  }

  /**
   * A server's window of 1,000 consecutive identifiers sliding over the whole space twice, each
   * acknowledged (removed) once the window is full: pages are dropped as the window leaves them,
   * so only the four or five pages it spans are held, and none once it has drained.
   */
  @Test
  void holdsOnlyThePagesASlidingWindowSpans() {
    PacketIdMap<Integer> map = new PacketIdMap<>();
    int window = 1_000;
    int next = 1;
    int oldest = 1;
    for (int sent = 0; sent < 2 * 65_535; sent++) {
      assertThat(map.put(next, sent)).isNull();
      next = next == 65_535 ? 1 : next + 1;
      if (map.size() > window) {
        assertThat(map.remove(oldest)).isNotNull();
        oldest = oldest == 65_535 ? 1 : oldest + 1;
      }
      assertThat(map.pagesInUse()).isLessThanOrEqualTo(window / 256 + 2);
    }
    assertThat(map.size()).isEqualTo(window);
    while (!map.isEmpty()) {
      assertThat(map.remove(oldest)).isNotNull();
      oldest = oldest == 65_535 ? 1 : oldest + 1;
    }
    assertThat(map.pagesInUse()).isZero();
  }

  @Test
  void clearDropsEveryPageAndCountsFromZeroAgain() {
    PacketIdMap<Integer> map = new PacketIdMap<>();
    for (int id = 1; id <= 600; id++) {
      map.put(id, id);
    }
    map.clear();
    assertThat(map.pagesInUse()).isZero();
    map.put(5, 5);
    map.remove(5);
    // A page count left stale by clear would keep this page after its only value went.
    assertThat(map.pagesInUse()).isZero();
    assertThat(map.isEmpty()).isTrue();
  }

  @Test
  void aPageEmptiedAndFilledAgainStillHoldsItsValues() {
    PacketIdMap<Integer> map = new PacketIdMap<>();
    for (int id = 512; id < 768; id++) {
      map.put(id, id);
    }
    for (int id = 512; id < 768; id++) {
      assertThat(map.remove(id)).isEqualTo(id);
    }
    assertThat(map.isEmpty()).isTrue();
    map.put(700, 7);
    assertThat(map.get(700)).isEqualTo(7);
    assertThat(map.get(701)).isNull();
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void refusesToHoldUnderAnIdentifierOutsideTheProtocolRangeAndHasNothingThere() {
    PacketIdMap<String> map = new PacketIdMap<>();
    assertThatThrownBy(() -> map.put(0, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Packet id 0");
    assertThatThrownBy(() -> map.put(65_536, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
    assertThatThrownBy(() -> map.put(5, null)).isInstanceOf(IllegalArgumentException.class);
    // QoS 0 flows carry id 0: asking for it finds nothing rather than failing the event loop.
    assertThat(map.get(0)).isNull();
    assertThat(map.get(65_536)).isNull();
    assertThat(map.remove(-1)).isNull();
    assertThat(map.isEmpty()).isTrue();
  }

  /**
   * A sliding window of consecutive identifiers that wraps at 65,535, as a server numbers a
   * session's messages, with random gets, puts and removes: the same answers as a HashMap.
   */
  @Test
  void answersLikeAHashMapUnderAWrappingWindowAndRandomOperations() {
    PacketIdMap<Integer> map = new PacketIdMap<>();
    Map<Integer, Integer> expected = new HashMap<>();
    SplittableRandom random = new SplittableRandom(20_261_125);
    int next = 65_000;
    for (int step = 0; step < 400_000; step++) {
      int id;
      int operation = random.nextInt(4);
      if (operation == 0) {
        id = next;
        next = next == 65_535 ? 1 : next + 1;
      } else {
        id = Math.floorMod(next - 1 - random.nextInt(1_200), 65_535) + 1;
      }
      switch (operation) {
        case 0, 1 -> assertThat(map.put(id, step)).isEqualTo(expected.put(id, step));
        case 2 -> assertThat(map.remove(id)).isEqualTo(expected.remove(id));
        default -> assertThat(map.get(id)).isEqualTo(expected.get(id));
      }
      assertThat(map.size()).isEqualTo(expected.size());
    }
    for (int id = 1; id <= 65_535; id++) {
      assertThat(map.get(id)).isEqualTo(expected.get(id));
    }
  }
}
