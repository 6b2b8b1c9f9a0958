package dev.mqttbridge.cli.demo;

import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** One line per second: published, in Kafka (total and per topic), latency p50/p99. */
final class ProgressLine {

  private final PlantSimulator simulator;
  private final KafkaTally tally;
  private final PrintWriter out;

  ProgressLine(PlantSimulator simulator, KafkaTally tally, PrintWriter out) {
    this.simulator = simulator;
    this.tally = tally;
    this.out = out;
  }

  void print(int second) {
    Map<String, Long> perTopic = tally.perTopic();
    String topics = perTopic.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
    out.printf("[%3ds] published %d | in Kafka %d (%s) | latency p50 %s p99 %s%n", second,
        simulator.published().size(), tally.received().size(), topics,
        millis(tally.latency().percentile(50)), millis(tally.latency().percentile(99)));
    out.flush();
  }

  static String millis(long value) {
    return value < 0 ? "-" : value + " ms";
  }
}
