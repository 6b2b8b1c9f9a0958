package dev.mqttbridge.camel;

import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextClientParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;

/** Turns Camel's {@link SSLContextParameters} into the client's TLS settings. */
final class MqttTlsSettings {

  private static final Set<String> TLS_SCHEMES = Set.of("ssl", "mqtts", "tls", "wss");

  private MqttTlsSettings() {
  }

  /**
   * The client's TLS settings (used for TLS server URIs only): with sslContextParameters, trust and
   * identity from the SSLContext they create and TLS versions from them when they name any;
   * without, the JDK's trusted CAs. Host name verification as configured.
   *
   * @throws IllegalArgumentException if sslContextParameters is set and a server URI is not a TLS
   *     one, or the parameters cannot create a context (a missing key store, a wrong password)
   */
  static MqttTlsConfig of(MqttConfiguration configuration, CamelContext camelContext,
      List<URI> serverUris) {
    if (configuration.getSslContextParameters() == null) {
      return MqttTlsConfig.builder()
          .hostnameVerification(configuration.isHostnameVerification())
          .build();
    }
    List<URI> plain = serverUris.stream().filter(uri -> !isTls(uri)).toList();
    if (!plain.isEmpty()) {
      // The client would connect to these without TLS: refuse rather than ignore the option.
      throw new IllegalArgumentException("sslContextParameters is set, but " + plain
          + " would connect in plain text: use ssl://, mqtts://, tls:// or wss:// in serverUris");
    }
    SSLContextParameters parameters = configuration.getSslContextParameters();
    SSLContext context;
    try {
      context = parameters.createSSLContext(camelContext);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "Cannot create the SSLContext from sslContextParameters: " + e.getMessage(), e);
    }
    MqttTlsConfig.Builder tls = MqttTlsConfig.builder()
        .sslContext(context)
        .hostnameVerification(configuration.isHostnameVerification());
    List<String> protocols = protocols(parameters);
    if (!protocols.isEmpty()) {
      // The client sets its own default versions on each engine: keep the ones asked for.
      tls.protocols(protocols);
    }
    return tls.build();
  }

  private static boolean isTls(URI uri) {
    return uri.getScheme() != null
        && TLS_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT));
  }

  /** The client-side secure socket protocols if set, else the shared ones, else none. */
  private static List<String> protocols(SSLContextParameters parameters) {
    SSLContextClientParameters client = parameters.getClientParameters();
    List<String> clientProtocols = client == null ? List.of()
        : names(client.getSecureSocketProtocols());
    return clientProtocols.isEmpty()
        ? names(parameters.getSecureSocketProtocols()) : clientProtocols;
  }

  private static List<String> names(SecureSocketProtocolsParameters protocols) {
    return protocols == null || protocols.getSecureSocketProtocol() == null
        ? List.of() : List.copyOf(protocols.getSecureSocketProtocol());
  }
}
