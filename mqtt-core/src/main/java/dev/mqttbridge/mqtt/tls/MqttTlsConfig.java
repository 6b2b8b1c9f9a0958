package dev.mqttbridge.mqtt.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Immutable TLS settings of a client connection ({@code ssl://}, {@code mqtts://}, {@code wss://}).
 *
 * <p>Trust comes from a PEM CA bundle, a JKS/PKCS12 trust store, or else the JDK's default trusted
 * CAs. A client identity (mutual TLS) comes from a PEM certificate chain and key (PKCS#8, RSA
 * PKCS#1 or EC SEC1, encrypted or not) or a JKS/PKCS12 key store. Hostname verification is on unless
 * {@link Builder#hostnameVerification(boolean)} turns it off. {@link #toString()} never shows a
 * password.
 *
 * <p>Instead of files, trust and identity can come from a ready-made {@link SSLContext} ({@link
 * Builder#sslContext(SSLContext)}), e.g. one made by Camel's {@code SSLContextParameters} or read
 * from a secrets vault. The context then replaces every trust and identity setting (mixing them is
 * refused), and the client still applies the per-connection settings on top of it:
 *
 * <ul>
 *   <li>hostname verification (endpoint identification {@code HTTPS}) unless turned off;
 *   <li>SNI: {@link Builder#serverName(String)}, else the URI's host;
 *   <li>ALPN protocols: the context's provider must implement the JDK's ALPN API ({@code
 *       SSLParameters.setApplicationProtocols}); the JDK's own provider does. If it does not, the
 *       client's {@code build()} fails saying so, rather than connecting without ALPN;
 *   <li>the enabled TLS versions ({@link Builder#protocols(List)}, default TLS 1.3 and 1.2) replace
 *       the context's; a version the context lacks fails {@code build()};
 *   <li>the handshake timeout.
 * </ul>
 *
 * <p>Cipher suites are the ones the context enables on a new engine, so a context configured to
 * restrict them keeps that restriction.
 */
public final class MqttTlsConfig {

  /** TLS 1.3 first, TLS 1.2 as fallback: the versions brokers speak today. */
  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private static final MqttTlsConfig DEFAULTS = builder().build();

  private final Path trustedCertificates;
  private final Path trustStore;
  private final char[] trustStorePassword;
  private final Path certificateChain;
  private final Path privateKey;
  private final char[] privateKeyPassword;
  private final Path keyStore;
  private final char[] keyStorePassword;
  private final boolean hostnameVerification;
  private final String serverName;
  private final List<String> alpnProtocols;
  private final List<String> protocols;
  private final Duration handshakeTimeout;
  private final SSLContext sslContext;

  private MqttTlsConfig(Builder b) {
    this.trustedCertificates = b.trustedCertificates;
    this.trustStore = b.trustStore;
    this.trustStorePassword = clone(b.trustStorePassword);
    this.certificateChain = b.certificateChain;
    this.privateKey = b.privateKey;
    this.privateKeyPassword = clone(b.privateKeyPassword);
    this.keyStore = b.keyStore;
    this.keyStorePassword = clone(b.keyStorePassword);
    this.hostnameVerification = b.hostnameVerification;
    this.serverName = b.serverName;
    this.alpnProtocols = b.alpnProtocols;
    this.protocols = b.protocols;
    this.handshakeTimeout = b.handshakeTimeout;
    this.sslContext = b.sslContext;
  }

  /** A builder with defaults: JDK trust, no client certificate, hostname verification on. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults: the JDK's trusted CAs, no client certificate, hostname verification on. */
  public static MqttTlsConfig defaults() {
    return DEFAULTS;
  }

  /** The PEM file of trusted CA certificates, if set. */
  public Optional<Path> trustedCertificates() {
    return Optional.ofNullable(trustedCertificates);
  }

  /** The JKS or PKCS12 trust store, if set. */
  public Optional<Path> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /** A copy of the trust store's password; empty when none was given. */
  public char[] trustStorePassword() {
    return orEmpty(trustStorePassword);
  }

  /** The PEM file of the client's certificate chain (leaf first), if set. */
  public Optional<Path> certificateChain() {
    return Optional.ofNullable(certificateChain);
  }

  /** The PEM file of the client's private key, if set. */
  public Optional<Path> privateKey() {
    return Optional.ofNullable(privateKey);
  }

  /** A copy of the private key's password, if the key is encrypted. */
  public Optional<char[]> privateKeyPassword() {
    return Optional.ofNullable(clone(privateKeyPassword));
  }

  /** The JKS or PKCS12 key store holding the client's identity, if set. */
  public Optional<Path> keyStore() {
    return Optional.ofNullable(keyStore);
  }

  /** A copy of the key store's password (also the key's); empty when none was given. */
  public char[] keyStorePassword() {
    return orEmpty(keyStorePassword);
  }

  /** Whether the server's certificate must match the host name (on by default). */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  /** The name sent as SNI and verified, when it differs from the URI's host. */
  public Optional<String> serverName() {
    return Optional.ofNullable(serverName);
  }

  /** ALPN protocols to offer, in order of preference; empty for none. */
  public List<String> alpnProtocols() {
    return alpnProtocols;
  }

  /** Enabled TLS versions, e.g. {@code TLSv1.3}, {@code TLSv1.2}. */
  public List<String> protocols() {
    return protocols;
  }

  /** How long the TLS handshake may take. */
  public Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** The ready-made context that supplies trust and identity instead of files, if set. */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  @Override
  public String toString() {
    return "MqttTlsConfig{trustedCertificates=" + trustedCertificates + ", trustStore=" + trustStore
        + ", certificateChain=" + certificateChain + ", privateKey=" + privateKey + ", keyStore="
        + keyStore + ", hostnameVerification=" + hostnameVerification + ", serverName=" + serverName
        + ", alpnProtocols=" + alpnProtocols + ", protocols=" + protocols
        + (sslContext == null ? "" : ", sslContext=" + sslContext.getProtocol() + "/"
            + sslContext.getProvider().getName()) + "}";
  }

  private static char[] clone(char[] chars) {
    return chars == null ? null : chars.clone();
  }

  private static char[] orEmpty(char[] chars) {
    return chars == null ? new char[0] : chars.clone();
  }

  /** Collects TLS settings; {@link #build()} checks they fit together. */
  public static final class Builder {

    private Path trustedCertificates;
    private Path trustStore;
    private char[] trustStorePassword;
    private Path certificateChain;
    private Path privateKey;
    private char[] privateKeyPassword;
    private Path keyStore;
    private char[] keyStorePassword;
    private boolean hostnameVerification = true;
    private String serverName;
    private List<String> alpnProtocols = List.of();
    private List<String> protocols = DEFAULT_PROTOCOLS;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private SSLContext sslContext;

    private Builder() {}

    /** Trusts the CA certificates in a PEM file (one or more {@code CERTIFICATE} blocks). */
    public Builder trustedCertificates(Path pemFile) {
      this.trustedCertificates = Objects.requireNonNull(pemFile, "pemFile");
      return this;
    }

    /** Trusts the certificates in a JKS or PKCS12 store (the type is detected from the file). */
    public Builder trustStore(Path file, char[] password) {
      this.trustStore = Objects.requireNonNull(file, "file");
      this.trustStorePassword = MqttTlsConfig.clone(password);
      return this;
    }

    /**
     * Presents a client certificate (mutual TLS) from PEM files.
     *
     * @param certificateChainPem the client certificate first, then any intermediates
     * @param privateKeyPem PKCS#8 ({@code PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY}), RSA PKCS#1
     *     ({@code RSA PRIVATE KEY}) or EC SEC1 ({@code EC PRIVATE KEY}, a named curve); the last two
     *     may carry OpenSSL's {@code Proc-Type: 4,ENCRYPTED}. Other formats fail naming the file.
     * @param keyPassword the key's password when it is encrypted, else {@code null}
     */
    public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem, char[] keyPassword) {
      this.certificateChain = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
      this.privateKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
      this.privateKeyPassword = MqttTlsConfig.clone(keyPassword);
      return this;
    }

    /** Presents the client identity in a JKS or PKCS12 key store; its key has the store's password. */
    public Builder keyStore(Path file, char[] password) {
      this.keyStore = Objects.requireNonNull(file, "file");
      this.keyStorePassword = MqttTlsConfig.clone(password);
      return this;
    }

    /**
     * Whether the server certificate must name the host connected to (default {@code true}).
     * Turning it off lets any certificate from a trusted CA impersonate the server; the client logs
     * a warning when it does.
     */
    public Builder hostnameVerification(boolean verify) {
      this.hostnameVerification = verify;
      return this;
    }

    /** The host name sent as SNI and verified, instead of the server URI's host. */
    public Builder serverName(String name) {
      this.serverName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** ALPN protocols to offer, e.g. {@code x-amzn-mqtt-ca} for AWS IoT on port 443. */
    public Builder alpnProtocols(List<String> protocols) {
      this.alpnProtocols = List.copyOf(protocols);
      return this;
    }

    /** The TLS versions to enable, e.g. {@code List.of("TLSv1.2")}; default TLS 1.3 and 1.2. */
    public Builder protocols(List<String> protocols) {
      if (protocols.isEmpty()) {
        throw new IllegalArgumentException("At least one TLS protocol version");
      }
      this.protocols = List.copyOf(protocols);
      return this;
    }

    /** How long the handshake may take (default 10 s). */
    public Builder handshakeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("Handshake timeout must be positive: " + timeout);
      }
      this.handshakeTimeout = timeout;
      return this;
    }

    /**
     * Takes trust and client identity from a ready-made, initialised context instead of files or
     * stores (see the class comment for what still applies on top of it). The context is shared,
     * not copied: it should not be re-initialised while a client uses it.
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "context");
      return this;
    }

    /** The immutable settings. */
    public MqttTlsConfig build() {
      if (sslContext != null && (trustedCertificates != null || trustStore != null
          || certificateChain != null || keyStore != null)) {
        throw new IllegalArgumentException("An SSLContext supplies trust and identity itself: do not also"
            + " set trusted certificates, a trust store, a client certificate or a key store");
      }
      if (trustedCertificates != null && trustStore != null) {
        throw new IllegalArgumentException("Trust either a PEM file or a trust store, not both");
      }
      if (certificateChain != null && keyStore != null) {
        throw new IllegalArgumentException(
            "Take the client identity from PEM files or from a key store, not both");
      }
      return new MqttTlsConfig(this);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MqttTlsConfig other
        && Objects.equals(trustedCertificates, other.trustedCertificates)
        && Objects.equals(trustStore, other.trustStore)
        && Arrays.equals(trustStorePassword, other.trustStorePassword)
        && Objects.equals(certificateChain, other.certificateChain)
        && Objects.equals(privateKey, other.privateKey)
        && Arrays.equals(privateKeyPassword, other.privateKeyPassword)
        && Objects.equals(keyStore, other.keyStore)
        && Arrays.equals(keyStorePassword, other.keyStorePassword)
        && hostnameVerification == other.hostnameVerification
        && Objects.equals(serverName, other.serverName)
        && alpnProtocols.equals(other.alpnProtocols)
        && protocols.equals(other.protocols)
        && handshakeTimeout.equals(other.handshakeTimeout)
        && sslContext == other.sslContext;
  }

  @Override
  public int hashCode() {
    return Objects.hash(trustedCertificates, trustStore, certificateChain, privateKey, keyStore,
        hostnameVerification, serverName, alpnProtocols, protocols, handshakeTimeout,
        System.identityHashCode(sslContext));
  }
}
