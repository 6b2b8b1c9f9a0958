package dev.mqttbridge.mqtt.internal.tls;

import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import javax.net.ssl.SSLException;

/** The Netty client {@code SslContext} for a {@link MqttTlsConfig}. */
public final class ClientSslContexts {

  private ClientSslContexts() {}

  /** Loads the configured trust and identity and builds the context (JDK provider). */
  public static SslContext create(MqttTlsConfig config) throws IOException {
    SslContextBuilder builder = SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .protocols(config.protocols())
        // Netty verifies the peer host given to newHandler() when this is "HTTPS".
        .endpointIdentificationAlgorithm(config.hostnameVerification() ? "HTTPS" : null);
    if (config.trustedCertificates().isPresent()) {
      builder.trustManager(KeyMaterial.trustPem(config.trustedCertificates().get()));
    } else if (config.trustStore().isPresent()) {
      builder.trustManager(KeyMaterial.trustStore(config.trustStore().get(), config.trustStorePassword()));
    }
    if (config.certificateChain().isPresent()) {
      builder.keyManager(KeyMaterial.identityPem(config.certificateChain().get(), config.privateKey().get(),
          config.privateKeyPassword().orElse(null)));
    } else if (config.keyStore().isPresent()) {
      builder.keyManager(KeyMaterial.identityStore(config.keyStore().get(), config.keyStorePassword()));
    }
    if (!config.alpnProtocols().isEmpty()) {
      builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, config.alpnProtocols()));
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IOException("Cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
