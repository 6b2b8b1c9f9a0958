package dev.mqttbridge.mqtt.broker;

/**
 * The MQTT 5.0 enhanced authentication hook (section 4.12): challenge / response exchanges
 * carried by the Authentication Method and Data properties of CONNECT, AUTH and CONNACK.
 *
 * <p>When a CONNECT names an authentication method, the broker asks this hook to {@link #start} an
 * exchange and feeds it the CONNECT's data, then the data of each AUTH {@code 0x18 Continue
 * authentication} the client sends, until the exchange answers success or failure. Without a hook,
 * or when the hook does not support the method, the CONNECT is refused with {@code 0x8C Bad
 * authentication method}. The {@link Authenticator} is not consulted for such clients.
 */
@FunctionalInterface
public interface EnhancedAuthenticator {

  /**
   * Starts an exchange for one connection.
   *
   * @param client the client identifier and user name
   * @param method the authentication method the client named
   * @return the exchange, or {@code null} if the method is not supported
   */
  Exchange start(ClientIdentity client, String method);

  /** One connection's authentication exchange; used by one thread at a time. */
  @FunctionalInterface
  interface Exchange {

    /**
     * Takes the client's next authentication data and answers it.
     *
     * @param data the Authentication Data the client sent, or {@code null}
     * @return what to answer
     */
    AuthenticationStep next(byte[] data);
  }
}
