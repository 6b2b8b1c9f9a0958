package dev.mqttbridge.mqtt.internal.tls;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The little DER needed to wrap traditional OpenSSL keys (RSA PKCS#1, EC SEC1) in the PKCS#8
 * structure the JDK's {@code KeyFactory} reads.
 */
final class Der {

  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;
  private static final int OCTET_STRING = 0x04;
  private static final int OBJECT_IDENTIFIER = 0x06;
  /** [0] EXPLICIT, constructed: SEC1's ECParameters. */
  private static final int CONTEXT_0 = 0xa0;

  /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
      (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
  /** OBJECT IDENTIFIER id-ecPublicKey (1.2.840.10045.2.1). */
  private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private Der() {}

  /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { pkcs1 } }. */
  static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    return privateKeyInfo(RSA_ALGORITHM, pkcs1);
  }

  /**
   * PrivateKeyInfo { version 0, { id-ecPublicKey, namedCurve }, OCTET STRING { sec1 } } for an RFC
   * 5915 ECPrivateKey { version 1, privateKey, [0] parameters, [1] publicKey }. The curve is taken
   * from the key's own [0] parameters, which OpenSSL always writes.
   *
   * @throws GeneralSecurityException when the structure is not an ECPrivateKey or names no curve
   */
  static byte[] ecSec1ToPkcs8(byte[] sec1) throws GeneralSecurityException {
    Reader key = new Reader(sec1).enter(SEQUENCE);
    key.skip(INTEGER);
    key.skip(OCTET_STRING);
    byte[] curve = null;
    while (key.hasMore()) {
      int tag = key.peekTag();
      if (tag == CONTEXT_0) {
        Reader parameters = key.enter(CONTEXT_0);
        if (parameters.peekTag() != OBJECT_IDENTIFIER) {
          throw new GeneralSecurityException("EC key with explicit curve parameters: only named curves"
              + " are supported (openssl ec -param_enc named_curve)");
        }
        curve = parameters.element(OBJECT_IDENTIFIER);
      } else {
        key.skip(tag);
      }
    }
    if (curve == null) {
      throw new GeneralSecurityException("EC PRIVATE KEY without its curve parameters: cannot tell the"
          + " curve (convert with openssl pkcs8 -topk8)");
    }
    ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
    algorithm.writeBytes(EC_PUBLIC_KEY);
    algorithm.writeBytes(curve);
    return privateKeyInfo(tagged(SEQUENCE, algorithm.toByteArray()), sec1);
  }

  private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(VERSION_0);
    body.writeBytes(algorithm);
    body.writeBytes(tagged(OCTET_STRING, key));
    return tagged(SEQUENCE, body.toByteArray());
  }

  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** Walks the elements of one DER constructed value; single-byte tags and definite lengths only. */
  private static final class Reader {

    private final byte[] der;
    private int position;
    private final int end;

    Reader(byte[] der) {
      this(der, 0, der.length);
    }

    private Reader(byte[] der, int start, int end) {
      this.der = der;
      this.position = start;
      this.end = end;
    }

    boolean hasMore() {
      return position < end;
    }

    int peekTag() throws GeneralSecurityException {
      require(1);
      return der[position] & 0xff;
    }

    /** The contents of the next element, which must have {@code tag}, as a reader. */
    Reader enter(int tag) throws GeneralSecurityException {
      int length = header(tag);
      Reader inner = new Reader(der, position, position + length);
      position += length;
      return inner;
    }

    /** The whole next element (tag, length and contents), which must have {@code tag}. */
    byte[] element(int tag) throws GeneralSecurityException {
      int start = position;
      int length = header(tag);
      position += length;
      return Arrays.copyOfRange(der, start, position);
    }

    void skip(int tag) throws GeneralSecurityException {
      int length = header(tag);
      position += length;
    }

    private int header(int tag) throws GeneralSecurityException {
      if (peekTag() != tag) {
        throw new GeneralSecurityException(String.format("malformed key: DER tag 0x%02x where 0x%02x was"
            + " expected", peekTag(), tag));
      }
      position++;
      require(1);
      int first = der[position++] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 3) {
          throw new GeneralSecurityException("malformed key: unsupported DER length");
        }
        require(bytes);
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[position++] & 0xff);
        }
      }
      require(length);
      return length;
    }

    private void require(int bytes) throws GeneralSecurityException {
      if (bytes > end - position) {
        throw new GeneralSecurityException("malformed key: DER element runs past its end");
      }
    }
  }
}
