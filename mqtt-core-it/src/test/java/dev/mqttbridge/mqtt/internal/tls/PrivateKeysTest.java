package dev.mqttbridge.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.test.tls.TestCertificates;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PEM form of the test PKI's RSA and EC client keys, as BouncyCastle writes them the way
 * OpenSSL does, reads back to the same key with the JDK alone; the forms we cannot read fail
 * naming the file and the format. Mutual TLS with each form is in MqttClientTlsIT.
 */
class PrivateKeysTest {

  private static final char[] PASSWORD = TestCertificates.PASSWORD.toCharArray();

  @TempDir
  static Path directory;

  private static TestCertificates certificates;

  @BeforeAll
  static void generate() throws IOException {
    certificates = TestCertificates.generate(directory.resolve("pki"));
  }

  static Stream<Arguments> ecForms() {
    return Stream.of(
        Arguments.of("SEC1", (Function<TestCertificates, Path>) TestCertificates::clientEcKeySec1, null),
        Arguments.of("encrypted SEC1", (Function<TestCertificates, Path>) TestCertificates::clientEcKeySec1Encrypted,
            PASSWORD),
        Arguments.of("encrypted PKCS#8",
            (Function<TestCertificates, Path>) TestCertificates::clientEcKeyPkcs8Encrypted, PASSWORD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ecForms")
  void read_ecKey_sameKeyAsPkcs8(String form, Function<TestCertificates, Path> file, char[] password)
      throws IOException {
    ECPrivateKey expected = (ECPrivateKey) PrivateKeys.read(certificates.clientEcKeyPkcs8(), null);
    PrivateKey key = PrivateKeys.read(file.apply(certificates), password);

    assertThat(key).isInstanceOf(ECPrivateKey.class);
    assertThat(((ECPrivateKey) key).getS()).isEqualTo(expected.getS());
    assertThat(((ECPrivateKey) key).getParams().getCurve()).isEqualTo(expected.getParams().getCurve());
  }

  static Stream<Arguments> rsaForms() {
    return Stream.of(
        Arguments.of("PKCS#1", (Function<TestCertificates, Path>) TestCertificates::clientKeyPkcs1, null),
        Arguments.of("encrypted PKCS#1", (Function<TestCertificates, Path>) TestCertificates::clientKeyPkcs1Encrypted,
            PASSWORD),
        Arguments.of("encrypted PKCS#8", (Function<TestCertificates, Path>) TestCertificates::clientKeyPkcs8Encrypted,
            PASSWORD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rsaForms")
  void read_rsaKey_sameKeyAsPkcs8(String form, Function<TestCertificates, Path> file, char[] password)
      throws IOException {
    RSAPrivateCrtKey expected = (RSAPrivateCrtKey) PrivateKeys.read(certificates.clientKeyPkcs8(), null);
    PrivateKey key = PrivateKeys.read(file.apply(certificates), password);

    assertThat(key).isInstanceOf(RSAPrivateCrtKey.class);
    assertThat(((RSAPrivateCrtKey) key).getPrivateExponent()).isEqualTo(expected.getPrivateExponent());
    assertThat(((RSAPrivateCrtKey) key).getModulus()).isEqualTo(expected.getModulus());
  }

  @Test
  void read_encryptedSec1_wrongPassword_failsNamingTheFile() {
    Path file = certificates.clientEcKeySec1Encrypted();
    assertThatThrownBy(() -> PrivateKeys.read(file, "wrong".toCharArray()))
        .isInstanceOf(IOException.class).hasMessageStartingWith(file.toString())
        .hasMessageContaining("EC PRIVATE KEY").hasMessageContaining("wrong password?");
  }

  @Test
  void read_encryptedSec1_withoutPassword_failsSayingOneIsNeeded() {
    assertThatThrownBy(() -> PrivateKeys.read(certificates.clientEcKeySec1Encrypted(), null))
        .isInstanceOf(IOException.class).hasMessageContaining("a password is needed");
  }

  @Test
  void read_sec1WithoutCurve_failsSayingSo() throws Exception {
    // The JDK encodes EC keys without the optional curve inside SEC1; BouncyCastle writes it as is.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    Path file = directory.resolve("no-curve.key");
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(new JcaMiscPEMGenerator(generator.generateKeyPair().getPrivate()));
    }
    Files.writeString(file, pem.toString());
    assertThat(pem.toString()).startsWith("-----BEGIN EC PRIVATE KEY-----");

    assertThatThrownBy(() -> PrivateKeys.read(file, null))
        .isInstanceOf(IOException.class).hasMessageStartingWith(file.toString()).hasMessageContaining("curve");
  }

  @Test
  void read_openSshKey_failsNamingTheFileAndFormat() throws IOException {
    Path file = directory.resolve("id_ed25519");
    Files.writeString(file, "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n"
        + "-----END OPENSSH PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PrivateKeys.read(file, null))
        .isInstanceOf(IOException.class).hasMessageStartingWith(file.toString())
        .hasMessageContaining("unsupported key format OPENSSH PRIVATE KEY");
  }

  @Test
  void read_certificateOnly_failsSayingThereIsNoKey() {
    Path file = certificates.clientCertificate();
    assertThatThrownBy(() -> PrivateKeys.read(file, null))
        .isInstanceOf(IOException.class).hasMessageStartingWith(file.toString())
        .hasMessageContaining("holds no private key");
  }
}
