package dev.mqttbridge.mqtt.broker;

/**
 * The answer of an {@link EnhancedAuthenticator.Exchange} to one step of an MQTT 5.0 enhanced
 * authentication exchange.
 *
 * @param outcome whether the exchange succeeded, needs another step, or failed
 * @param data the Authentication Data to send back, or {@code null}
 */
public record AuthenticationStep(Outcome outcome, byte[] data) {

  /** How one step ended. */
  public enum Outcome {
    /** Authenticated: the broker sends CONNACK with {@code data}. */
    SUCCESS,
    /** Another round trip: the broker sends AUTH {@code 0x18} with {@code data}. */
    CONTINUE,
    /** Refused: the broker sends CONNACK {@code 0x87 Not authorized} and closes. */
    FAILURE
  }

  public AuthenticationStep {
    java.util.Objects.requireNonNull(outcome, "outcome");
  }

  /** Authenticated, optionally with final data for the client. */
  public static AuthenticationStep success(byte[] data) {
    return new AuthenticationStep(Outcome.SUCCESS, data);
  }

  /** Another step: the client must answer this challenge. */
  public static AuthenticationStep challenge(byte[] data) {
    return new AuthenticationStep(Outcome.CONTINUE, data);
  }

  /** Refused. */
  public static AuthenticationStep failure() {
    return new AuthenticationStep(Outcome.FAILURE, null);
  }
}
