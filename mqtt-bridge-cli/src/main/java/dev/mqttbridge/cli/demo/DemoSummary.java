package dev.mqttbridge.cli.demo;

import java.io.PrintWriter;
import java.util.Set;

/** The end-of-run check: did every published message reach Kafka, and every command the plant. */
final class DemoSummary {

  private final Set<String> published;
  private final long failedPublishes;
  private final KafkaTally tally;
  private final Set<String> commandsSent;
  private final Set<String> commandsObeyed; // null: no sink in this process to hold to account

  DemoSummary(Set<String> published, long failedPublishes, KafkaTally tally,
      Set<String> commandsSent, Set<String> commandsObeyed) {
    this.published = published;
    this.failedPublishes = failedPublishes;
    this.tally = tally;
    this.commandsSent = commandsSent;
    this.commandsObeyed = commandsObeyed;
  }

  /** Prints the summary; returns the exit code: 0 when nothing is missing, 1 otherwise. */
  int print(PrintWriter out) {
    Set<String> received = tally.received();
    long missing = published.stream().filter(id -> !received.contains(id)).count();
    out.println("Summary");
    out.printf("  published (acknowledged by the MQTT broker): %d%n", published.size());
    if (failedPublishes > 0) {
      out.printf("  publishes refused or failed:                 %d%n", failedPublishes);
    }
    out.printf("  in Kafka:                                    %d of them, %d missing,"
        + " %d duplicates%n", published.size() - missing, missing, tally.duplicates());
    tally.perTopic().forEach((topic, count) -> out.printf("    %-42s %d%n", topic, count));
    out.printf("  end-to-end latency:                          p50 %s, p99 %s%n",
        ProgressLine.millis(tally.latency().percentile(50)),
        ProgressLine.millis(tally.latency().percentile(99)));
    long commandsMissing = commandsObeyed == null ? 0
        : commandsSent.stream().filter(id -> !commandsObeyed.contains(id)).count();
    out.printf("  commands sent to Kafka:                      %d, obeyed by the plant: %s%n",
        commandsSent.size(),
        commandsObeyed == null ? "not checked (--no-connect)"
            : Long.toString(commandsSent.size() - commandsMissing));
    boolean ok = missing == 0 && commandsMissing == 0 && !published.isEmpty();
    out.println(ok ? "OK: every published message reached Kafka."
        : "FAILED: " + missing + " published messages and " + commandsMissing
            + " commands did not arrive" + (published.isEmpty() ? "; nothing was published" : "")
            + ".");
    out.flush();
    return ok ? 0 : 1;
  }
}
