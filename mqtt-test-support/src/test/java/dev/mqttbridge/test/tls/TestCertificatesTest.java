package dev.mqttbridge.test.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {

  @TempDir
  static Path directory;

  private static TestCertificates certificates;

  @BeforeAll
  static void generate() throws Exception {
    certificates = TestCertificates.generate(directory);
  }

  @Test
  void generate_writesEveryFile() {
    assertThat(certificates.files()).allSatisfy(file -> assertThat(file).isRegularFile().isNotEmptyFile());
  }

  @Test
  void serverCertificate_isSignedByTheCa_notByTheOtherCa() throws Exception {
    X509Certificate ca = read(certificates.caCertificate());
    X509Certificate server = read(certificates.serverCertificate());

    server.verify(ca.getPublicKey());
    assertThatThrownBy(() -> server.verify(read(certificates.otherCaCertificate()).getPublicKey()))
        .isInstanceOf(java.security.SignatureException.class);
  }

  @Test
  void expiredServerCertificate_isExpired() throws Exception {
    assertThatThrownBy(() -> read(certificates.expiredServerCertificate()).checkValidity())
        .isInstanceOf(CertificateExpiredException.class);
  }

  @Test
  void ecKeys_comeInOpenSslsForms_sec1NamesItsCurve() throws Exception {
    String sec1 = Files.readString(certificates.clientEcKeySec1());
    assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
    byte[] der = java.util.Base64.getMimeDecoder().decode(sec1.replaceAll("-----[A-Z ]+-----", ""));
    assertThat(org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der).getParametersObject())
        .hasToString("1.2.840.10045.3.1.7");
    assertThat(Files.readString(certificates.clientEcKeySec1Encrypted()))
        .startsWith("-----BEGIN EC PRIVATE KEY-----").contains("Proc-Type: 4,ENCRYPTED").contains("DES-EDE3-CBC");
    assertThat(Files.readString(certificates.clientEcKeyPkcs8())).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(certificates.clientEcKeyPkcs8Encrypted()))
        .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(read(certificates.clientEcCertificate()).getPublicKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void pemKeys_comeInEveryForm() throws Exception {
    assertThat(Files.readString(certificates.clientKeyPkcs8())).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(certificates.clientKeyPkcs8Encrypted()))
        .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(Files.readString(certificates.clientKeyPkcs1())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Files.readString(certificates.clientKeyPkcs1Encrypted()))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----").contains("Proc-Type: 4,ENCRYPTED");
  }

  @Test
  void keyStores_holdTheClientIdentityAndTheCa() throws Exception {
    for (String type : new String[] {"PKCS12", "JKS"}) {
      KeyStore client = load(type.equals("JKS") ? certificates.clientKeyStoreJks()
          : certificates.clientKeyStorePkcs12(), type);
      assertThat(client.getKey("client", TestCertificates.PASSWORD.toCharArray())).isNotNull();
      assertThat(client.getCertificateChain("client")).hasSize(2);
      KeyStore trust = load(type.equals("JKS") ? certificates.trustStoreJks()
          : certificates.trustStorePkcs12(), type);
      assertThat(trust.getCertificate("ca")).isEqualTo(read(certificates.caCertificate()));
    }
  }

  private static KeyStore load(Path file, String type) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    return store;
  }

  private static X509Certificate read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
