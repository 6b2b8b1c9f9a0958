package dev.mqttbridge.benchmarks.broker;

/** What one {@link LoadTool} run measured; latencies in milliseconds. */
record LoadResult(LoadShape shape, int qos, int size, long received, double messagesPerSecond,
    double p50, double p99, double p999) {

  /** The messages the subscribers should have received. */
  long expected() {
    return (long) shape.subscribers() * shape.messagesPerPublisher();
  }

  /** Whether every subscriber got every message. */
  boolean isComplete() {
    return received >= expected();
  }

  /** The single-run line {@code scripts/run-benchmarks.sh} parses. */
  String line() {
    return String.format(java.util.Locale.ROOT, "pubs=%d subs=%d qos=%d size=%d: %d received, "
            + "%.0f msg/s, latency ms p50=%.2f p99=%.2f p99.9=%.2f", shape.publishers(),
        shape.subscribers(), qos, size, received, messagesPerSecond, p50, p99, p999);
  }
}
