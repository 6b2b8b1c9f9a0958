package dev.mqttbridge.kafka.connect.source;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Spreads session slots over tasks, round robin: with 4 slots and 2 tasks, task 0 owns slots 0 and
 * 2, task 1 owns 1 and 3. Slots never change identity, so a change of {@code tasks.max} moves
 * whole sessions between tasks and orphans none.
 */
public final class SlotAssignment {

  private SlotAssignment() {}

  /**
   * The slots of each task: {@code min(slots, maxTasks)} non-empty lists.
   *
   * @param slots the number of session slots, at least 1
   * @param maxTasks Connect's {@code tasks.max}, at least 1
   */
  public static List<List<Integer>> assign(int slots, int maxTasks) {
    if (slots < 1 || maxTasks < 1) {
      throw new IllegalArgumentException("slots and maxTasks must be >= 1: " + slots + ", " + maxTasks);
    }
    int tasks = Math.min(slots, maxTasks);
    List<List<Integer>> assignment = new ArrayList<>(tasks);
    for (int task = 0; task < tasks; task++) {
      List<Integer> owned = new ArrayList<>();
      for (int slot = task; slot < slots; slot += tasks) {
        owned.add(slot);
      }
      assignment.add(List.copyOf(owned));
    }
    return List.copyOf(assignment);
  }

  /** The task property value for a task's slots, e.g. {@code 0,2}. */
  public static String format(List<Integer> slots) {
    return slots.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** Parses {@link #format(List)}. */
  public static List<Integer> parse(String text) {
    List<Integer> slots = new ArrayList<>();
    for (String part : text.split(",")) {
      slots.add(Integer.parseInt(part.trim()));
    }
    return List.copyOf(slots);
  }

  /** The stable client id of a slot. */
  public static String clientId(String prefix, int slot) {
    return prefix + "-" + slot;
  }
}
