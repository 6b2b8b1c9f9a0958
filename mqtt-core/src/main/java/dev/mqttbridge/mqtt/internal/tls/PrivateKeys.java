package dev.mqttbridge.mqtt.internal.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads a PEM private key with the JDK alone (no BouncyCastle at run time): PKCS#8
 * ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES1 or PBES2), RSA
 * PKCS#1 ({@code RSA PRIVATE KEY}), EC SEC1 ({@code EC PRIVATE KEY}, named curves) and OpenSSL's
 * traditional encryption of those two ({@code Proc-Type: 4,ENCRYPTED} with {@code DEK-Info}
 * AES-128/192/256-CBC or DES-EDE3-CBC). Any other {@code ... PRIVATE KEY} block (OpenSSH, DSA) is
 * refused naming the file and the format.
 */
public final class PrivateKeys {

  private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "DSA");

  private PrivateKeys() {}

  /**
   * The first private key in a PEM file.
   *
   * @param password the key's password, or {@code null} when it is not encrypted
   * @throws IOException naming the file when it holds no usable key or the password is missing or wrong
   */
  public static PrivateKey read(Path file, char[] password) throws IOException {
    for (PemBlock block : PemBlock.readAll(file)) {
      try {
        switch (block.type()) {
          case "PRIVATE KEY":
            return pkcs8(block.der());
          case "ENCRYPTED PRIVATE KEY":
            return pkcs8(decryptPkcs8(block.der(), requirePassword(file, password)));
          case "RSA PRIVATE KEY":
            return pkcs8(Der.rsaPkcs1ToPkcs8(traditional(file, block, password)));
          case "EC PRIVATE KEY":
            return pkcs8(Der.ecSec1ToPkcs8(traditional(file, block, password)));
          default:
            if (block.type().endsWith("PRIVATE KEY")) {
              throw new IOException(file + ": unsupported key format " + block.type() + "; use PKCS#8"
                  + " (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY), RSA PRIVATE KEY or EC PRIVATE KEY"
                  + " (convert with: openssl pkcs8 -topk8 -in KEY -out KEY.pk8)");
            }
            // Certificates or EC PARAMETERS next to the key: skip them.
        }
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new IOException(file + ": cannot read the " + block.type()
            + (password != null ? " (wrong password?)" : "") + ": " + e.getMessage(), e);
      }
    }
    throw new IOException(file + " holds no private key: expected a PRIVATE KEY, ENCRYPTED PRIVATE KEY,"
        + " RSA PRIVATE KEY or EC PRIVATE KEY block");
  }

  /** The DER of an OpenSSL traditional key (PKCS#1 or SEC1), decrypted when its headers say so. */
  private static byte[] traditional(Path file, PemBlock block, char[] password)
      throws IOException, GeneralSecurityException {
    if ("4,ENCRYPTED".equals(block.headers().get("Proc-Type"))) {
      return decryptOpenSsl(block.headers().get("DEK-Info"), block.der(), requirePassword(file, password));
    }
    return block.der();
  }

  private static char[] requirePassword(Path file, char[] password) throws IOException {
    if (password == null) {
      throw new IOException(file + " holds an encrypted key: a password is needed");
    }
    return password;
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    InvalidKeySpecException last = null;
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException e) {
        last = e;
      }
    }
    throw new InvalidKeySpecException("not an RSA, EC, EdDSA or DSA PKCS#8 key", last);
  }

  private static byte[] decryptPkcs8(byte[] der, char[] password) throws GeneralSecurityException, IOException {
    EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
    AlgorithmParameters parameters = info.getAlgParameters();
    // For PBES2 the JDK names the algorithm by OID; its parameters' toString() gives the usable
    // cipher name, e.g. PBEWithHmacSHA256AndAES_256.
    String algorithm = isPbes2(info.getAlgName()) ? parameters.toString() : info.getAlgName();
    SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
    Cipher cipher = Cipher.getInstance(algorithm);
    cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)), parameters);
    return info.getKeySpec(cipher).getEncoded();
  }

  private static boolean isPbes2(String name) {
    return name.equals("PBES2") || name.equals("1.2.840.113549.1.5.13");
  }

  /** OpenSSL's legacy PEM encryption: key = EVP_BytesToKey(MD5, password, first 8 IV bytes). */
  private static byte[] decryptOpenSsl(String dekInfo, byte[] encrypted, char[] password)
      throws GeneralSecurityException {
    if (dekInfo == null || dekInfo.indexOf(',') < 0) {
      throw new GeneralSecurityException("encrypted key without a DEK-Info header");
    }
    String cipherName = dekInfo.substring(0, dekInfo.indexOf(',')).strip().toUpperCase();
    byte[] iv = HexFormat.of().parseHex(dekInfo.substring(dekInfo.indexOf(',') + 1).strip());
    String transformation;
    String keyAlgorithm;
    int keyLength;
    switch (cipherName) {
      case "AES-128-CBC" -> { transformation = "AES/CBC/PKCS5Padding"; keyAlgorithm = "AES"; keyLength = 16; }
      case "AES-192-CBC" -> { transformation = "AES/CBC/PKCS5Padding"; keyAlgorithm = "AES"; keyLength = 24; }
      case "AES-256-CBC" -> { transformation = "AES/CBC/PKCS5Padding"; keyAlgorithm = "AES"; keyLength = 32; }
      case "DES-EDE3-CBC" -> {
        transformation = "DESede/CBC/PKCS5Padding"; keyAlgorithm = "DESede"; keyLength = 24;
      }
      default -> throw new GeneralSecurityException("unsupported PEM encryption " + cipherName
          + " (convert with openssl pkcs8 -topk8)");
    }
    byte[] key = bytesToKey(password, iv, keyLength);
    Cipher cipher = Cipher.getInstance(transformation);
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlgorithm), new IvParameterSpec(iv));
    return cipher.doFinal(encrypted);
  }

  private static byte[] bytesToKey(char[] password, byte[] iv, int length) throws GeneralSecurityException {
    byte[] secret = new String(password).getBytes(StandardCharsets.UTF_8);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    ByteArrayOutputStream key = new ByteArrayOutputStream();
    byte[] previous = new byte[0];
    while (key.size() < length) {
      md5.update(previous);
      md5.update(secret);
      md5.update(iv, 0, 8);
      previous = md5.digest();
      key.write(previous, 0, previous.length);
    }
    byte[] bytes = key.toByteArray();
    return java.util.Arrays.copyOf(bytes, length);
  }
}
