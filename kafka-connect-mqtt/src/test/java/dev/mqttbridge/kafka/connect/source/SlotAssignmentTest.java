package dev.mqttbridge.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotAssignmentTest {

  @Test
  void fourSlotsTwoTasks_roundRobin() {
    assertThat(SlotAssignment.assign(4, 2)).containsExactly(List.of(0, 2), List.of(1, 3));
  }

  @Test
  void moreTasksThanSlots_startsOneTaskPerSlot() {
    assertThat(SlotAssignment.assign(2, 5)).containsExactly(List.of(0), List.of(1));
  }

  @ParameterizedTest(name = "{0} slots over {1} tasks")
  @CsvSource({"1,1", "4,1", "4,2", "4,3", "7,3", "16,4", "3,10"})
  void everySlotOwnedByExactlyOneTask(int slots, int tasks) {
    List<Integer> owned = SlotAssignment.assign(slots, tasks).stream()
        .flatMap(List::stream).sorted().toList();

    assertThat(owned).isEqualTo(IntStream.range(0, slots).boxed().toList());
  }

  @Test
  void format_roundTripsThroughParse() {
    assertThat(SlotAssignment.parse(SlotAssignment.format(List.of(1, 3, 5)))).containsExactly(1, 3, 5);
  }

  @Test
  void clientId_isPrefixDashSlot() {
    assertThat(SlotAssignment.clientId("bridge", 3)).isEqualTo("bridge-3");
  }
}
