package dev.mqttbridge.mqtt.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Decides whether a client may connect, from its CONNECT user name and password. Called once per
 * CONNECT, on the broker's thread for that client: it may block briefly, but a slow authenticator
 * delays every client that shares the thread.
 *
 * <p>A refusal is answered with CONNACK {@code 0x86 Bad User Name or Password} (MQTT 5.0) or return
 * code 4 (3.1.1, 3.1), then the connection is closed [MQTT-3.2.2-5].
 */
@FunctionalInterface
public interface Authenticator {

  /** Lets every client in, with or without credentials: the broker's default. */
  Authenticator ALLOW_ALL = (client, password) -> true;

  /**
   * Whether the client may connect.
   *
   * @param client the client identifier and user name ({@code null} when absent)
   * @param password the password bytes, or {@code null} when absent
   * @return true to accept the connection
   */
  boolean authenticate(ClientIdentity client, byte[] password);

  /**
   * An authenticator that checks user names and passwords against a fixed table.
   *
   * @param passwords user name to password (UTF-8)
   * @param allowAnonymous whether clients without a user name are let in
   * @return the authenticator; the table is copied
   */
  static Authenticator passwords(Map<String, String> passwords, boolean allowAnonymous) {
    Map<String, String> table = Map.copyOf(passwords);
    return (client, password) -> {
      if (client.username() == null) {
        return allowAnonymous && password == null;
      }
      String expected = table.get(client.username());
      // Constant-time comparison: the time taken says nothing about how much of it matched.
      return expected != null
          && password != null
          && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password);
    };
  }
}
