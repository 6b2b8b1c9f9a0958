package dev.mqttbridge.benchmarks.connect;

import java.util.Arrays;

/**
 * What a connect benchmark run sends, from its first three arguments: records per round (200,000),
 * rounds (3), payload bytes (100).
 */
record RunShape(int records, int rounds, int payloadBytes) {

  RunShape {
    if (records < 2 || rounds < 1 || payloadBytes < 1) {
      throw new IllegalArgumentException("records >= 2, rounds >= 1 and payload bytes >= 1 expected,"
          + " not " + records + ", " + rounds + ", " + payloadBytes);
    }
  }

  static RunShape parse(String[] args) {
    return new RunShape(argument(args, 0, 200_000), argument(args, 1, 3), argument(args, 2, 100));
  }

  /** The argument at the index as a number, or the default when it is not given. */
  static int argument(String[] args, int index, int defaultValue) {
    return args.length > index ? Integer.parseInt(args[index]) : defaultValue;
  }

  /** A payload of the size, all {@code x}. */
  byte[] payload() {
    byte[] payload = new byte[payloadBytes];
    Arrays.fill(payload, (byte) 'x');
    return payload;
  }
}
