package dev.mqttbridge.mqtt.client;

/**
 * The client side of MQTT 5 enhanced authentication (section 4.12): a challenge / response exchange
 * such as SCRAM or Kerberos, carried by the Authentication Method and Data properties of CONNECT,
 * AUTH and CONNACK. The same exchange runs again on {@link MqttClient#reauthenticate()}.
 *
 * <p>Called on the client's I/O thread: implementations must not block. Never log the data.
 */
public interface MqttEnhancedAuthenticator {

  /** The Authentication Method, e.g. {@code SCRAM-SHA-256}. */
  String method();

  /**
   * The data sent with CONNECT (or with the AUTH that starts a re-authentication).
   *
   * @return the data, or {@code null} for none
   */
  byte[] initialData();

  /**
   * Answers a server challenge (AUTH {@code 0x18 Continue authentication}).
   *
   * @param serverData the server's Authentication Data, or {@code null}
   * @return the data to send back in the client's AUTH {@code 0x18}, or {@code null}
   * @throws RuntimeException to abandon the exchange: the client disconnects
   */
  byte[] challenge(byte[] serverData);

  /**
   * The server accepted (CONNACK or AUTH {@code 0x00 Success}); by default nothing to check.
   *
   * @param serverData the server's final Authentication Data, or {@code null}
   * @throws RuntimeException when the server's final data does not verify: the client disconnects
   */
  default void completed(byte[] serverData) {}
}
