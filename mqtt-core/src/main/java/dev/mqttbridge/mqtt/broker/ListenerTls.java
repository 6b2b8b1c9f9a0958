package dev.mqttbridge.mqtt.broker;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS settings of a listener: the server's identity, and optionally the CA that client
 * certificates must chain to. Immutable; start with {@link #pem} or {@link #keyStore}.
 *
 * <pre>{@code
 * MqttListener.tls("0.0.0.0", 8883, ListenerTls.pem(certFile, keyFile)
 *     .clientCertificates(caFile, true));
 * }</pre>
 *
 * <p>With client certificates, the verified certificate's subject reaches the {@link
 * Authenticator} as {@link ClientIdentity#certificateSubject()}.
 */
public final class ListenerTls {

  private final Path certificateChain;
  private final Path privateKey;
  private final Path keyStore;
  private final char[] password;
  private final Path clientCa;
  private final boolean clientCertificateRequired;

  private ListenerTls(Path certificateChain, Path privateKey, Path keyStore, char[] password,
      Path clientCa, boolean clientCertificateRequired) {
    this.certificateChain = certificateChain;
    this.privateKey = privateKey;
    this.keyStore = keyStore;
    this.password = password == null ? null : password.clone();
    this.clientCa = clientCa;
    this.clientCertificateRequired = clientCertificateRequired;
  }

  /**
   * The server identity from PEM files, as Mosquitto's {@code certfile} / {@code keyfile}.
   *
   * @param certificateChain the server certificate, then any intermediates
   * @param privateKey its private key, not encrypted: PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA
   *     PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or EC SEC1 with a named curve ({@code BEGIN EC
   *     PRIVATE KEY})
   */
  public static ListenerTls pem(Path certificateChain, Path privateKey) {
    return new ListenerTls(Objects.requireNonNull(certificateChain, "certificateChain"),
        Objects.requireNonNull(privateKey, "privateKey"), null, null, null, false);
  }

  /**
   * The server identity from a PKCS12 or JKS key store whose key has the store's password.
   */
  public static ListenerTls keyStore(Path keyStore, char[] password) {
    return new ListenerTls(null, null, Objects.requireNonNull(keyStore, "keyStore"),
        Objects.requireNonNull(password, "password"), null, false);
  }

  /**
   * Asks clients for a certificate issued by a CA in {@code caBundle} (PEM), as Mosquitto's
   * {@code cafile}.
   *
   * @param required true: clients without a valid certificate fail the handshake ({@code
   *     require_certificate true}); false: a certificate is optional, but checked if sent
   */
  public ListenerTls clientCertificates(Path caBundle, boolean required) {
    return new ListenerTls(certificateChain, privateKey, keyStore, password,
        Objects.requireNonNull(caBundle, "caBundle"), required);
  }

  /** The PEM certificate chain, when the identity is in PEM files. */
  public Optional<Path> certificateChain() {
    return Optional.ofNullable(certificateChain);
  }

  /** The PEM private key, when the identity is in PEM files. */
  public Optional<Path> privateKey() {
    return Optional.ofNullable(privateKey);
  }

  /** The key store, when the identity is in one. */
  public Optional<Path> keyStore() {
    return Optional.ofNullable(keyStore);
  }

  /** The key store's password (a copy), or {@code null} for PEM files. */
  public char[] keyStorePassword() {
    return password == null ? null : password.clone();
  }

  /** The CA bundle client certificates must chain to, if clients are asked for one. */
  public Optional<Path> clientCa() {
    return Optional.ofNullable(clientCa);
  }

  /** Whether a client without a valid certificate is refused. */
  public boolean clientCertificateRequired() {
    return clientCertificateRequired;
  }

  @Override
  public String toString() {
    return "ListenerTls[" + (keyStore != null ? "keyStore=" + keyStore : "cert=" + certificateChain)
        + (clientCa == null ? "" : ", clientCa=" + clientCa + ", required="
            + clientCertificateRequired) + "]";
  }
}
