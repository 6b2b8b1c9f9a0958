package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter for {@link MqttReconnectPolicy}. */
final class ReconnectBackoff {

  private final MqttReconnectPolicy policy;
  private final DoubleSupplier random;

  ReconnectBackoff(MqttReconnectPolicy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  /**
   * The wait before attempt number {@code attempt} (0 for the first after a loss): the initial
   * delay doubled per attempt, capped at the maximum, minus up to {@code jitter} of it at random.
   */
  long delayMillis(int attempt) {
    long initial = policy.initialDelay().toMillis();
    long maximum = policy.maximumDelay().toMillis();
    double base = Math.min((double) maximum, initial * Math.pow(2, Math.min(attempt, 40)));
    return Math.round(base * (1 - policy.jitter() * random.getAsDouble()));
  }

  /** The wait after the server reported that another connection took the session over. */
  long sessionTakenOverDelayMillis() {
    long delay = policy.sessionTakenOverDelay().toMillis();
    return Math.round(delay * (1 - policy.jitter() * random.getAsDouble() / 2));
  }
}
