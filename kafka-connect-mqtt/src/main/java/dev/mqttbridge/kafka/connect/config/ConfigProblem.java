package dev.mqttbridge.kafka.connect.config;

import org.apache.kafka.common.config.ConfigException;

/**
 * A problem a connector's {@code validate()} reports on the key a user has to change.
 *
 * @param key the config key
 * @param message what is wrong and what to do
 */
record ConfigProblem(String key, String message) {

  /** The problem as the exception a connector or task start fails with. */
  ConfigException toException() {
    return new ConfigException(key + ": " + message);
  }
}
