package dev.mqttbridge.test.mosquitto;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A second Mosquitto listener that speaks TLS, on its own free loopback port
 * ({@link MosquittoBroker#tlsPort()}).
 *
 * <p>The files are used where they are; when the broker runs as root the generated config keeps it root,
 * so the files need no extra permissions.
 *
 * @param caFile PEM file of the CA that signs client certificates ({@code cafile})
 * @param certFile PEM server certificate ({@code certfile})
 * @param keyFile PEM server private key, unencrypted ({@code keyfile})
 * @param requireCertificate whether clients must present a certificate ({@code require_certificate})
 * @param tlsVersion {@code tls_version}, e.g. {@code "tlsv1.2"} or {@code "tlsv1.3"}; {@code null} for
 *     Mosquitto's default
 */
public record MosquittoTlsListener(
    Path caFile, Path certFile, Path keyFile, boolean requireCertificate, String tlsVersion) {

  /** Requires the three files; {@code tlsVersion} may be {@code null}. */
  public MosquittoTlsListener {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    if (tlsVersion != null) {
      MosquittoConfig.requireSingleLine(tlsVersion);
    }
  }

  /** A TLS listener that does not ask for client certificates and accepts Mosquitto's TLS versions. */
  public static MosquittoTlsListener of(Path caFile, Path certFile, Path keyFile) {
    return new MosquittoTlsListener(caFile, certFile, keyFile, false, null);
  }

  /** A copy that does or does not require client certificates. */
  public MosquittoTlsListener withRequireCertificate(boolean require) {
    return new MosquittoTlsListener(caFile, certFile, keyFile, require, tlsVersion);
  }

  /** A copy restricted to one TLS version, e.g. {@code "tlsv1.3"}. */
  public MosquittoTlsListener withTlsVersion(String version) {
    return new MosquittoTlsListener(caFile, certFile, keyFile, requireCertificate, Objects.requireNonNull(version));
  }

  /** The TLS version, if one was chosen. */
  public Optional<String> tlsVersionIfSet() {
    return Optional.ofNullable(tlsVersion);
  }
}
