package dev.mqttbridge.kafka.connect.mapping;

/**
 * A message that cannot become a record in the configured format; it goes to the errors topic.
 * Carries a short reason code for the {@code mqtt.error.reason} header.
 */
public final class UnconvertibleMessageException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public UnconvertibleMessageException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The reason code, e.g. {@code value.invalid.json}. */
  public String reason() {
    return reason;
  }
}
