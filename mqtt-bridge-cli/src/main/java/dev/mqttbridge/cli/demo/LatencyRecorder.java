package dev.mqttbridge.cli.demo;

import java.util.Arrays;

/** End-to-end latencies in milliseconds; percentiles over everything recorded so far. */
final class LatencyRecorder {

  private long[] values = new long[1024];
  private int count;

  synchronized void record(long millis) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = Math.max(0, millis);
  }

  /** The given percentile (0-100), or -1 when nothing was recorded. */
  synchronized long percentile(double percent) {
    if (count == 0) {
      return -1;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percent / 100.0 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, index))];
  }
}
