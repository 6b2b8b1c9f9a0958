package dev.mqttbridge.mqtt.broker;

import dev.mqttbridge.mqtt.internal.tls.KeyMaterial;
import dev.mqttbridge.test.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Client-side TLS contexts for the broker ITs, from the test certificates. */
final class BrokerTestTls {

  private BrokerTestTls() {}

  /** Trusts the test CA; no client certificate. */
  static SSLContext trustingCa(TestCertificates certificates)
      throws IOException, GeneralSecurityException {
    return context(certificates, false);
  }

  /** Trusts the test CA and presents the test client certificate (CN {@code test-client}). */
  static SSLContext withClientCertificate(TestCertificates certificates)
      throws IOException, GeneralSecurityException {
    return context(certificates, true);
  }

  /**
   * Trusts a server only if it presents exactly this certificate (PEM), whatever its issuer and
   * key usage: for identities that are not issued for servers. No hostname check.
   */
  static SSLContext pinning(Path certificate) throws IOException, GeneralSecurityException {
    X509Certificate expected;
    try (InputStream in = Files.newInputStream(certificate)) {
      expected = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(in);
    }
    X509TrustManager pinned = new X509TrustManager() {
      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        if (chain.length == 0 || !chain[0].equals(expected)) {
          throw new CertificateException("Not the pinned certificate " + certificate);
        }
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        throw new CertificateException("Client side only");
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {pinned}, null);
    return context;
  }

  private static SSLContext context(TestCertificates certificates, boolean clientCertificate)
      throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(clientCertificate
            ? KeyMaterial.identityStore(certificates.clientKeyStorePkcs12(),
                TestCertificates.PASSWORD.toCharArray()).getKeyManagers()
            : null,
        KeyMaterial.trustPem(certificates.caCertificate()).getTrustManagers(), null);
    return context;
  }
}
