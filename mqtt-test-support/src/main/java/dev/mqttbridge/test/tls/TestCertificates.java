package dev.mqttbridge.test.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI generated at test time in a folder: a CA, a server certificate for
 * {@code localhost} / {@code 127.0.0.1}, a client certificate, and the bad cases TLS tests need (an
 * expired server certificate, a server certificate for another host, a second CA with its own client
 * certificate).
 *
 * <p>Keys are RSA 2048 so they exist in every PEM form: PKCS#8 ({@code BEGIN PRIVATE KEY}), encrypted
 * PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and OpenSSL's
 * encrypted PKCS#1 ({@code Proc-Type: 4,ENCRYPTED}). The client's identity and the CA are also stored
 * as PKCS12 and JKS key stores. A second client identity has an EC P-256 key, written as OpenSSL
 * writes them: SEC1 ({@code BEGIN EC PRIVATE KEY}, with its curve), encrypted SEC1, PKCS#8 and
 * encrypted PKCS#8. Every password is {@link #PASSWORD}. Files are world-readable so a
 * Mosquitto that dropped to its own user can read them.
 *
 * <p>Generated with BouncyCastle, which this test-scope module may use; the product parses all of
 * these with the JDK alone.
 */
public final class TestCertificates {

  /** The password of every encrypted key and key store. */
  public static final String PASSWORD = "changeit";

  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
  private static final String SIGNATURE = "SHA256withRSA";

  private final Path directory;

  private TestCertificates(Path directory) {
    this.directory = directory;
  }

  /**
   * Generates the whole set into {@code directory} (created if missing) and returns its file names.
   *
   * @throws IOException when a file cannot be written
   */
  public static TestCertificates generate(Path directory) throws IOException {
    try {
      Files.createDirectories(directory);
      TestCertificates files = new TestCertificates(directory);
      new Generator(directory).writeAll();
      return files;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("Cannot generate test certificates", e);
    }
  }

  /** The folder the files live in. */
  public Path directory() {
    return directory;
  }

  /** The CA certificate (PEM) that signed the server and client certificates. */
  public Path caCertificate() {
    return directory.resolve("ca.pem");
  }

  /** The CA certificate as a PKCS12 trust store ({@link #PASSWORD}). */
  public Path trustStorePkcs12() {
    return directory.resolve("truststore.p12");
  }

  /** The CA certificate as a JKS trust store ({@link #PASSWORD}). */
  public Path trustStoreJks() {
    return directory.resolve("truststore.jks");
  }

  /** Server certificate (PEM) for DNS {@code localhost} and IP {@code 127.0.0.1}, signed by the CA. */
  public Path serverCertificate() {
    return directory.resolve("server.pem");
  }

  /** The server's unencrypted PKCS#8 key (PEM). */
  public Path serverKey() {
    return directory.resolve("server.key");
  }

  /**
   * The server certificate (with the CA) and key as a JKS key store ({@link #PASSWORD}, alias
   * {@code server}), for brokers that read JKS such as Moquette.
   */
  public Path serverKeyStoreJks() {
    return directory.resolve("server.jks");
  }

  /** A server certificate whose validity ended yesterday, signed by the CA. */
  public Path expiredServerCertificate() {
    return directory.resolve("server-expired.pem");
  }

  /** The key of {@link #expiredServerCertificate()} (PKCS#8). */
  public Path expiredServerKey() {
    return directory.resolve("server-expired.key");
  }

  /** A server certificate for {@code other.example} only (no localhost, no IP), signed by the CA. */
  public Path otherHostServerCertificate() {
    return directory.resolve("server-other-host.pem");
  }

  /** The key of {@link #otherHostServerCertificate()} (PKCS#8). */
  public Path otherHostServerKey() {
    return directory.resolve("server-other-host.key");
  }

  /** Client certificate (PEM, CN {@code test-client}) signed by the CA. */
  public Path clientCertificate() {
    return directory.resolve("client.pem");
  }

  /** The client key, PKCS#8 unencrypted. */
  public Path clientKeyPkcs8() {
    return directory.resolve("client-pkcs8.key");
  }

  /** The client key, PKCS#8 encrypted with {@link #PASSWORD} (PBES2, AES-256-CBC). */
  public Path clientKeyPkcs8Encrypted() {
    return directory.resolve("client-pkcs8-encrypted.key");
  }

  /** The client key, PKCS#1 unencrypted ({@code BEGIN RSA PRIVATE KEY}). */
  public Path clientKeyPkcs1() {
    return directory.resolve("client-pkcs1.key");
  }

  /** The client key, PKCS#1 encrypted the OpenSSL way (AES-128-CBC, {@code DEK-Info}). */
  public Path clientKeyPkcs1Encrypted() {
    return directory.resolve("client-pkcs1-encrypted.key");
  }

  /** The client certificate and key as a PKCS12 key store ({@link #PASSWORD}, alias {@code client}). */
  public Path clientKeyStorePkcs12() {
    return directory.resolve("client.p12");
  }

  /** The client certificate and key as a JKS key store ({@link #PASSWORD}, alias {@code client}). */
  public Path clientKeyStoreJks() {
    return directory.resolve("client.jks");
  }

  /** A client certificate (PEM, CN {@code test-client-ec}) for an EC P-256 key, signed by the CA. */
  public Path clientEcCertificate() {
    return directory.resolve("client-ec.pem");
  }

  /** The EC client key, SEC1 unencrypted ({@code BEGIN EC PRIVATE KEY}, named curve included). */
  public Path clientEcKeySec1() {
    return directory.resolve("client-ec-sec1.key");
  }

  /** The EC client key, SEC1 encrypted the OpenSSL way (DES-EDE3-CBC, {@code DEK-Info}). */
  public Path clientEcKeySec1Encrypted() {
    return directory.resolve("client-ec-sec1-encrypted.key");
  }

  /** The EC client key, PKCS#8 unencrypted. */
  public Path clientEcKeyPkcs8() {
    return directory.resolve("client-ec-pkcs8.key");
  }

  /** The EC client key, PKCS#8 encrypted with {@link #PASSWORD} (PBES2, AES-256-CBC). */
  public Path clientEcKeyPkcs8Encrypted() {
    return directory.resolve("client-ec-pkcs8-encrypted.key");
  }

  /** A second, unrelated CA certificate: trusting only it must fail against the server. */
  public Path otherCaCertificate() {
    return directory.resolve("other-ca.pem");
  }

  /** A client certificate signed by the other CA: the server must refuse it. */
  public Path otherCaClientCertificate() {
    return directory.resolve("other-ca-client.pem");
  }

  /** The key of {@link #otherCaClientCertificate()} (PKCS#8). */
  public Path otherCaClientKey() {
    return directory.resolve("other-ca-client.key");
  }

  /** Writes the files; one instance per generation. */
  private static final class Generator {

    // The JDK has no "AES/CBC/PKCS7Padding" by that name; BouncyCastle's own provider does the encryption.
    private static final java.security.Provider BOUNCY_CASTLE =
        new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final Path directory;
    private final SecureRandom random = new SecureRandom();
    private final JcaX509ExtensionUtils extensions;

    Generator(Path directory) throws GeneralSecurityException {
      this.directory = directory;
      this.extensions = new JcaX509ExtensionUtils();
    }

    void writeAll() throws GeneralSecurityException, OperatorCreationException, IOException {
      Instant now = Instant.now();
      Instant from = now.minus(Duration.ofDays(1));
      Instant until = now.plus(Duration.ofDays(365));

      KeyPair caKeys = rsa();
      X509Certificate ca = caCertificate("CN=mqtt-bridge test CA", caKeys, from, until);
      writePem("ca.pem", ca);
      writeStore("truststore.p12", "PKCS12", store -> store.setCertificateEntry("ca", ca));
      writeStore("truststore.jks", "JKS", store -> store.setCertificateEntry("ca", ca));

      GeneralNames localhost = new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
      KeyPair serverKeys = writeLeaf("server", "CN=localhost", localhost, KeyPurposeId.id_kp_serverAuth, ca,
          caKeys, from, until);
      Certificate[] serverChain = {readBack("server.pem"), ca};
      writeStore("server.jks", "JKS",
          store -> store.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD.toCharArray(), serverChain));
      writeLeaf("server-expired", "CN=localhost", localhost, KeyPurposeId.id_kp_serverAuth, ca, caKeys,
          now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
      GeneralNames otherHost = new GeneralNames(new GeneralName(GeneralName.dNSName, "other.example"));
      writeLeaf("server-other-host", "CN=other.example", otherHost, KeyPurposeId.id_kp_serverAuth, ca, caKeys,
          from, until);

      KeyPair clientKeys = rsa();
      X509Certificate client = leaf("CN=test-client", null, KeyPurposeId.id_kp_clientAuth, clientKeys, ca, caKeys,
          from, until);
      writePem("client.pem", client);
      writePem("client-pkcs8.key", new JcaPKCS8Generator(clientKeys.getPrivate(), null));
      writePem("client-pkcs8-encrypted.key", new JcaPKCS8Generator(clientKeys.getPrivate(),
          new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
              .setProvider(BOUNCY_CASTLE).setRandom(random).setPassword(PASSWORD.toCharArray()).build()));
      // JcaMiscPEMGenerator writes an RSA key as traditional OpenSSL PKCS#1.
      writePem("client-pkcs1.key", new JcaMiscPEMGenerator(clientKeys.getPrivate()));
      writePem("client-pkcs1-encrypted.key", new JcaMiscPEMGenerator(clientKeys.getPrivate(),
          new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BOUNCY_CASTLE).setSecureRandom(random).build(PASSWORD.toCharArray())));
      Certificate[] chain = {client, ca};
      writeStore("client.p12", "PKCS12",
          store -> store.setKeyEntry("client", clientKeys.getPrivate(), PASSWORD.toCharArray(), chain));
      writeStore("client.jks", "JKS",
          store -> store.setKeyEntry("client", clientKeys.getPrivate(), PASSWORD.toCharArray(), chain));

      // BouncyCastle's own EC keys keep the curve and public key inside SEC1, as OpenSSL writes them.
      KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC", BOUNCY_CASTLE);
      ecGenerator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"), random);
      KeyPair ecKeys = ecGenerator.generateKeyPair();
      writePem("client-ec.pem", leaf("CN=test-client-ec", null, KeyPurposeId.id_kp_clientAuth, ecKeys, ca, caKeys,
          from, until));
      writePem("client-ec-sec1.key", new JcaMiscPEMGenerator(ecKeys.getPrivate()));
      writePem("client-ec-sec1-encrypted.key", new JcaMiscPEMGenerator(ecKeys.getPrivate(),
          new JcePEMEncryptorBuilder("DES-EDE3-CBC").setProvider(BOUNCY_CASTLE).setSecureRandom(random)
              .build(PASSWORD.toCharArray())));
      writePem("client-ec-pkcs8.key", new JcaPKCS8Generator(ecKeys.getPrivate(), null));
      writePem("client-ec-pkcs8-encrypted.key", new JcaPKCS8Generator(ecKeys.getPrivate(),
          new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
              .setProvider(BOUNCY_CASTLE).setRandom(random).setPassword(PASSWORD.toCharArray()).build()));

      KeyPair otherCaKeys = rsa();
      X509Certificate otherCa = caCertificate("CN=mqtt-bridge other test CA", otherCaKeys, from, until);
      writePem("other-ca.pem", otherCa);
      writeLeaf("other-ca-client", "CN=test-client", null, KeyPurposeId.id_kp_clientAuth, otherCa, otherCaKeys,
          from, until);
    }

    private KeyPair writeLeaf(String name, String subject, GeneralNames names, KeyPurposeId purpose,
        X509Certificate issuer, KeyPair issuerKeys, Instant from, Instant until)
        throws GeneralSecurityException, OperatorCreationException, IOException {
      KeyPair keys = rsa();
      writePem(name + ".pem", leaf(subject, names, purpose, keys, issuer, issuerKeys, from, until));
      writePem(name + ".key", new JcaPKCS8Generator(keys.getPrivate(), null));
      return keys;
    }

    private X509Certificate readBack(String fileName) throws GeneralSecurityException, IOException {
      try (java.io.InputStream in = Files.newInputStream(directory.resolve(fileName))) {
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
    }

    private X509Certificate caCertificate(String subject, KeyPair keys, Instant from, Instant until)
        throws GeneralSecurityException, OperatorCreationException, IOException {
      X500Name name = new X500Name(subject);
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(from),
          Date.from(until), name, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false,
              extensions.createSubjectKeyIdentifier(keys.getPublic()));
      return sign(builder, keys.getPrivate());
    }

    private X509Certificate leaf(String subject, GeneralNames names, KeyPurposeId purpose, KeyPair keys,
        X509Certificate issuer, KeyPair issuerKeys, Instant from, Instant until)
        throws GeneralSecurityException, OperatorCreationException, IOException {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(from),
          Date.from(until), new X500Name(subject), keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
          .addExtension(Extension.authorityKeyIdentifier, false,
              extensions.createAuthorityKeyIdentifier(issuer.getPublicKey()));
      if (names != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, names);
      }
      return sign(builder, issuerKeys.getPrivate());
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
        throws GeneralSecurityException, OperatorCreationException {
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private KeyPair rsa() throws GeneralSecurityException {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, random);
      return generator.generateKeyPair();
    }

    private static BigInteger serial() {
      return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private void writePem(String fileName, Object object) throws IOException {
      StringWriter text = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
        writer.writeObject(object instanceof org.bouncycastle.util.io.pem.PemObjectGenerator generator
            ? generator : new JcaMiscPEMGenerator(object));
      }
      write(fileName, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void writeStore(String fileName, String type, StoreFiller filler)
        throws GeneralSecurityException, IOException {
      KeyStore store = KeyStore.getInstance(type);
      store.load(null, null);
      filler.fill(store);
      Path file = directory.resolve(fileName);
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, PASSWORD.toCharArray());
      }
      readableByAll(file);
    }

    private void write(String fileName, byte[] bytes) throws IOException {
      Path file = directory.resolve(fileName);
      Files.write(file, bytes);
      readableByAll(file);
    }

    private static void readableByAll(Path file) throws IOException {
      try {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: nothing to widen.
      }
    }
  }

  @FunctionalInterface
  private interface StoreFiller {
    void fill(KeyStore store) throws GeneralSecurityException;
  }

  /** All the file paths, for a test that wants to check they exist. */
  public List<Path> files() {
    return List.of(caCertificate(), trustStorePkcs12(), trustStoreJks(), serverCertificate(), serverKey(),
        serverKeyStoreJks(),
        expiredServerCertificate(), expiredServerKey(), otherHostServerCertificate(), otherHostServerKey(),
        clientCertificate(), clientKeyPkcs8(), clientKeyPkcs8Encrypted(), clientKeyPkcs1(),
        clientKeyPkcs1Encrypted(), clientKeyStorePkcs12(), clientKeyStoreJks(), clientEcCertificate(),
        clientEcKeySec1(), clientEcKeySec1Encrypted(), clientEcKeyPkcs8(), clientEcKeyPkcs8Encrypted(),
        otherCaCertificate(),
        otherCaClientCertificate(), otherCaClientKey());
  }
}
