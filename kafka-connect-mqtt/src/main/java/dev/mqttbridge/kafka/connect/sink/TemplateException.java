package dev.mqttbridge.kafka.connect.sink;

/** A record cannot become an MQTT message: a template variable is missing, or a header is bad. */
public final class TemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a sentence saying which record part is wrong. */
  public TemplateException(String message) {
    super(message);
  }

  /** An exception with a cause. */
  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
