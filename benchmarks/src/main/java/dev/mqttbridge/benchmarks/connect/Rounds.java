package dev.mqttbridge.benchmarks.connect;

import java.util.Arrays;

/** Per-round figures of one measured side and their median. */
final class Rounds {

  private final double[] values;

  Rounds(int rounds) {
    values = new double[rounds];
  }

  void set(int round, double value) {
    values[round] = value;
  }

  double get(int round) {
    return values[round];
  }

  /** The median (the upper one for an even count). */
  double median() {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
