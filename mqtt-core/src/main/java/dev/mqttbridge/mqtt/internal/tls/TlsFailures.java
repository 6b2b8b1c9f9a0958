package dev.mqttbridge.mqtt.internal.tls;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/** Turns the JDK's TLS exceptions into a sentence that says what is wrong and what to check. */
public final class TlsFailures {

  private TlsFailures() {}

  /** Whether a TLS problem is in the cause chain. */
  public static boolean isTls(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  /** A one-line explanation of a failed handshake with {@code server}. */
  public static String describe(String server, Throwable error) {
    String detail = innermostMessage(error);
    // Validity first: the JDK wraps an expired certificate in a path validation error.
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException || isReason(t, BasicReason.EXPIRED)) {
        return "TLS to " + server + " failed: the server's certificate has expired (" + detail + ")";
      }
      if (t instanceof CertificateNotYetValidException || isReason(t, BasicReason.NOT_YET_VALID)) {
        return "TLS to " + server + " failed: the server's certificate is not valid yet (" + detail + ")";
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CertPathValidatorException || isPathBuilding(t)) {
        return "TLS to " + server + " failed: the server's certificate is not trusted (not signed by a"
            + " trusted CA; check the CA file or trust store) (" + detail + ")";
      }
      String message = String.valueOf(t.getMessage());
      if (message.contains("No subject alternative") || message.contains("No name matching")) {
        return "TLS to " + server + " failed: the server's certificate does not match the host name"
            + " (" + detail + ")";
      }
      if (message.contains("certificate_required") || message.contains("bad_certificate")
          || message.contains("unknown_ca")) {
        return "TLS to " + server + " failed: the server refused our client certificate or wants one"
            + " (" + detail + ")";
      }
    }
    return "TLS to " + server + " failed: " + detail;
  }

  private static boolean isReason(Throwable t, BasicReason reason) {
    return t instanceof CertPathValidatorException validation && validation.getReason() == reason;
  }

  private static boolean isPathBuilding(Throwable t) {
    return t.getClass().getName().endsWith("SunCertPathBuilderException");
  }

  private static String innermostMessage(Throwable error) {
    String message = error.getMessage();
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message;
  }
}
