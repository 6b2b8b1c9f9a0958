package dev.mqttbridge.benchmarks.broker;

/**
 * How many publishers, subscribers and messages a {@link LoadTool} run has; written {@code
 * PUBLISHERSxSUBSCRIBERS:MESSAGES_PER_PUBLISHER}, for example {@code 10x10:10000}.
 */
record LoadShape(int publishers, int subscribers, int messagesPerPublisher) {

  LoadShape {
    if (publishers < 1 || subscribers < 1 || messagesPerPublisher < 1) {
      throw new IllegalArgumentException("Publishers, subscribers and messages must be at least 1: "
          + publishers + "x" + subscribers + ":" + messagesPerPublisher);
    }
  }

  /** Parses {@code 10x10:10000}. */
  static LoadShape parse(String text) {
    String[] parts = text.split("[x:]");
    if (parts.length != 3) {
      throw new IllegalArgumentException("Expected PUBLISHERSxSUBSCRIBERS:MESSAGES, e.g. "
          + "10x10:10000, got " + text);
    }
    return new LoadShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
        Integer.parseInt(parts[2]));
  }

  /** The same clients with a fifth of the messages, at least 1,000 per publisher. */
  LoadShape warmUp() {
    return new LoadShape(publishers, subscribers,
        Math.min(messagesPerPublisher, Math.max(1_000, messagesPerPublisher / 5)));
  }

  @Override
  public String toString() {
    return publishers + " -> " + subscribers;
  }
}
