package dev.mqttbridge.kafka.connect.sink;

import java.util.Arrays;
import java.util.Locale;

/** What the sink does with a record whose value is null (a Kafka tombstone). */
public enum TombstoneMode {
  /** Publish an empty retained message, which clears the retained message of its topic. */
  CLEAR_RETAINED("clear-retained"),
  /** Skip the record; its offset still commits. */
  IGNORE("ignore"),
  /** Fail the task. */
  FAIL("fail");

  private final String configValue;

  TombstoneMode(String configValue) {
    this.configValue = configValue;
  }

  /** The value as written in the configuration. */
  public String configValue() {
    return configValue;
  }

  /** The mode for a configuration value (case-insensitive). */
  public static TombstoneMode fromConfig(String value) {
    String wanted = value.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.configValue.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown tombstone mode: " + value));
  }
}
