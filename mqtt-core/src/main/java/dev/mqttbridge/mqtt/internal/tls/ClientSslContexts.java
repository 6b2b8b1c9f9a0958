package dev.mqttbridge.mqtt.internal.tls;

import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The Netty client {@code SslContext} for a {@link MqttTlsConfig}: built from its files and stores,
 * or wrapped around its ready-made {@link SSLContext}. Either way one engine is made up front so
 * that TLS versions or ALPN the context cannot do fail when the client is built, not per connection.
 * Hostname verification is set per engine by the transport, the same for both.
 */
public final class ClientSslContexts {

  private static final String PROBE_HOST = "probe.invalid";
  private static final int PROBE_PORT = 8883;

  private ClientSslContexts() {}

  /** Loads the configured trust and identity (or takes the given context) and builds the context. */
  public static SslContext create(MqttTlsConfig config) throws IOException {
    SslContext context = config.sslContext().isPresent()
        ? wrap(config.sslContext().get(), config)
        : fromFiles(config);
    probe(context, config);
    return context;
  }

  private static SslContext fromFiles(MqttTlsConfig config) throws IOException {
    SslContextBuilder builder = SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .protocols(config.protocols())
        // TlsTransport sets endpoint identification on each engine; Netty 4.2 would default to HTTPS.
        .endpointIdentificationAlgorithm(null);
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
      builder.applicationProtocolConfig(alpn(config.alpnProtocols()));
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IOException("Cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static SslContext wrap(SSLContext context, MqttTlsConfig config) throws IOException {
    List<String> cipherSuites;
    try {
      // What the context enables on its engines, so a context that narrowed them keeps that.
      cipherSuites = List.of(context.createSSLEngine().getEnabledCipherSuites());
    } catch (IllegalStateException e) {
      throw new IOException("The SSLContext " + describe(context) + " is not initialised (call init() first)", e);
    }
    ApplicationProtocolConfig alpn = config.alpnProtocols().isEmpty()
        ? ApplicationProtocolConfig.DISABLED : alpn(config.alpnProtocols());
    return new JdkSslContext(context, true, cipherSuites, IdentityCipherSuiteFilter.INSTANCE, alpn,
        ClientAuth.NONE, config.protocols().toArray(String[]::new), false);
  }

  private static ApplicationProtocolConfig alpn(List<String> protocols) {
    return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols);
  }

  /** Makes one engine and checks it enables the TLS versions and offers the ALPN protocols asked for. */
  private static void probe(SslContext context, MqttTlsConfig config) throws IOException {
    String provider = context instanceof JdkSslContext jdk ? describe(jdk.context()) : "the TLS provider";
    SSLEngine engine;
    try {
      engine = context.newEngine(ByteBufAllocator.DEFAULT, PROBE_HOST, PROBE_PORT);
    } catch (IllegalArgumentException e) {
      throw new IOException("TLS versions " + config.protocols() + " are not all supported by " + provider
          + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IOException("Cannot set up TLS with " + provider
          + (config.alpnProtocols().isEmpty() ? "" : " and ALPN " + config.alpnProtocols()) + ": " + e, e);
    }
    if (!config.alpnProtocols().isEmpty()) {
      String[] offered = engine.getSSLParameters().getApplicationProtocols();
      if (offered == null || !Arrays.asList(offered).equals(config.alpnProtocols())) {
        throw new IOException("ALPN " + config.alpnProtocols() + " cannot be offered: " + provider
            + " does not support the JDK's ALPN API (SSLParameters.setApplicationProtocols)");
      }
    }
    if (Arrays.stream(engine.getEnabledProtocols()).noneMatch(config.protocols()::contains)) {
      throw new IOException("None of the TLS versions " + config.protocols() + " is enabled by " + provider);
    }
  }

  private static String describe(SSLContext context) {
    return context.getProtocol() + " from provider " + context.getProvider().getName();
  }
}
