package dev.mqttbridge.mqtt.broker;

import java.util.Objects;

/**
 * Who a connected client is, as the security hooks see it.
 *
 * @param clientId the client identifier (assigned by the broker when the client sent none)
 * @param username the user name from CONNECT, or {@code null} for an anonymous client
 */
public record ClientIdentity(String clientId, String username) {

  public ClientIdentity {
    Objects.requireNonNull(clientId, "clientId");
  }

  /** Whether the client connected without a user name. */
  public boolean isAnonymous() {
    return username == null;
  }
}
