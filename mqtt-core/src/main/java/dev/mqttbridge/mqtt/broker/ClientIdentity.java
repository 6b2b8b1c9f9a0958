package dev.mqttbridge.mqtt.broker;

import java.util.Objects;

/**
 * Who a connected client is, as the security hooks see it.
 *
 * @param clientId the client identifier (assigned by the broker when the client sent none)
 * @param username the user name from CONNECT, or {@code null} for an anonymous client
 * @param certificateSubject the subject (RFC 2253, e.g. {@code CN=sensor-1,O=Plant}) of the
 *     client certificate verified on a TLS listener, or {@code null} when the client sent none
 */
public record ClientIdentity(String clientId, String username, String certificateSubject) {

  public ClientIdentity {
    Objects.requireNonNull(clientId, "clientId");
  }

  /** A client without a certificate. */
  public ClientIdentity(String clientId, String username) {
    this(clientId, username, null);
  }

  /** Whether the client connected without a user name. */
  public boolean isAnonymous() {
    return username == null;
  }
}
