package dev.mqttbridge.mqtt.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Automatic reconnect: after a connection that was established is lost, the client waits and
 * connects again, doubling the wait after each failed attempt up to a maximum, with random jitter
 * so that many clients do not reconnect in step. When the server ended the connection because
 * another client took the session over (DISCONNECT 0x8E), the client waits {@link
 * #sessionTakenOverDelay()} instead, so that two instances with one client id do not keep
 * throwing each other out.
 *
 * <p>The first {@code connect()} is not retried: its future reports the failure.
 *
 * @param enabled whether the client reconnects at all
 * @param initialDelay wait before the first attempt
 * @param maximumDelay cap of the doubling wait
 * @param jitter fraction of each wait drawn at random, 0 to 1 (0.5: a wait of d becomes a random
 *     value between d/2 and d)
 * @param sessionTakenOverDelay wait after DISCONNECT 0x8E (session taken over)
 */
public record MqttReconnectPolicy(
    boolean enabled,
    Duration initialDelay,
    Duration maximumDelay,
    double jitter,
    Duration sessionTakenOverDelay) {

  /** Reconnect after 1 s, doubling to 2 min, jitter 0.5; 5 min after a session takeover. */
  public static final MqttReconnectPolicy DEFAULT = new MqttReconnectPolicy(
      true, Duration.ofSeconds(1), Duration.ofMinutes(2), 0.5, Duration.ofMinutes(5));

  /** Never reconnect automatically. */
  public static final MqttReconnectPolicy DISABLED = new MqttReconnectPolicy(
      false, Duration.ofSeconds(1), Duration.ofMinutes(2), 0.5, Duration.ofMinutes(5));

  public MqttReconnectPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maximumDelay, "maximumDelay");
    Objects.requireNonNull(sessionTakenOverDelay, "sessionTakenOverDelay");
    if (initialDelay.isNegative() || maximumDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "Need 0 <= initialDelay <= maximumDelay, got " + initialDelay + ", " + maximumDelay);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("Jitter out of range 0..1: " + jitter);
    }
  }

  /** Enabled reconnect with these delays, jitter 0.5 and the default session takeover delay. */
  public static MqttReconnectPolicy exponential(Duration initialDelay, Duration maximumDelay) {
    return new MqttReconnectPolicy(true, initialDelay, maximumDelay, 0.5,
        DEFAULT.sessionTakenOverDelay);
  }

  /** This policy with another session takeover delay. */
  public MqttReconnectPolicy withSessionTakenOverDelay(Duration delay) {
    return new MqttReconnectPolicy(enabled, initialDelay, maximumDelay, jitter, delay);
  }

  /** This policy with another jitter fraction. */
  public MqttReconnectPolicy withJitter(double jitter) {
    return new MqttReconnectPolicy(enabled, initialDelay, maximumDelay, jitter,
        sessionTakenOverDelay);
  }
}
