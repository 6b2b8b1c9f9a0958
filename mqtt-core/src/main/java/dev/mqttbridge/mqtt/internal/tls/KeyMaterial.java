package dev.mqttbridge.mqtt.internal.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust and key managers from PEM files or JKS/PKCS12 stores, for client connections and broker
 * listeners alike. Errors name the file and never show a password.
 */
public final class KeyMaterial {

  private static final String ALIAS = "key";

  private KeyMaterial() {}

  /** The X.509 certificates of a PEM file, in file order. */
  public static List<X509Certificate> readCertificates(Path pemFile) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (PemBlock block : PemBlock.readAll(pemFile)) {
        if (block.type().equals("CERTIFICATE") || block.type().equals("TRUSTED CERTIFICATE")) {
          certificates.add((X509Certificate) factory.generateCertificate(
              new java.io.ByteArrayInputStream(block.der())));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(pemFile + ": not a valid certificate: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException(pemFile + " holds no CERTIFICATE block");
    }
    return certificates;
  }

  /** Trusts the certificates of a PEM file (a CA bundle). */
  public static TrustManagerFactory trustPem(Path caBundle) throws IOException {
    try {
      KeyStore store = emptyStore();
      int i = 0;
      for (X509Certificate certificate : readCertificates(caBundle)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      return trust(store);
    } catch (GeneralSecurityException e) {
      throw new IOException(caBundle + ": cannot trust its certificates: " + e.getMessage(), e);
    }
  }

  /** Trusts the certificates of a JKS or PKCS12 store (type detected from the file). */
  public static TrustManagerFactory trustStore(Path file, char[] password) throws IOException {
    try {
      return trust(load(file, password));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": cannot read the trust store: " + e.getMessage(), e);
    }
  }

  /**
   * An identity from a PEM certificate chain (leaf first) and its PEM private key.
   *
   * @param keyPassword the key's password, {@code null} when it is not encrypted
   */
  public static KeyManagerFactory identityPem(Path certificateChain, Path privateKey, char[] keyPassword)
      throws IOException {
    List<X509Certificate> chain = readCertificates(certificateChain);
    PrivateKey key = PrivateKeys.read(privateKey, keyPassword);
    if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
      throw new IOException(privateKey + " is a " + key.getAlgorithm() + " key but " + certificateChain
          + " certifies a " + chain.get(0).getPublicKey().getAlgorithm() + " key");
    }
    try {
      KeyStore store = emptyStore();
      char[] storePassword = new char[0];
      store.setKeyEntry(ALIAS, key, storePassword, chain.toArray(new Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, storePassword);
      return factory;
    } catch (GeneralSecurityException e) {
      throw new IOException(certificateChain + " with " + privateKey + ": " + e.getMessage(), e);
    }
  }

  /** An identity from a JKS or PKCS12 key store whose key has the store's password. */
  public static KeyManagerFactory identityStore(Path file, char[] password) throws IOException {
    try {
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(load(file, password), password);
      return factory;
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": cannot read the key store: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
    try {
      return KeyStore.getInstance(file.toFile(), password);
    } catch (IOException e) {
      // KeyStore reports a wrong password as an IOException whose cause says so.
      throw new IOException(file + ": cannot open the store (wrong password or not JKS/PKCS12): "
          + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static TrustManagerFactory trust(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }
}
