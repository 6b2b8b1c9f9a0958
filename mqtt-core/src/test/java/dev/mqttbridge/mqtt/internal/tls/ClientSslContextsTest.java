package dev.mqttbridge.mqtt.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** The Netty context around a ready-made JDK {@code SSLContext}: what it applies and how it fails. */
class ClientSslContextsTest {

  private static SSLContext initialised(String protocol) throws Exception {
    SSLContext context = SSLContext.getInstance(protocol);
    context.init(null, null, null);
    return context;
  }

  private static SSLEngine engine(MqttTlsConfig config) throws IOException {
    SslContext context = ClientSslContexts.create(config);
    return context.newEngine(ByteBufAllocator.DEFAULT, "broker.example", 8883);
  }

  @Test
  void sslContext_alpnProtocols_offeredByEveryEngine() throws Exception {
    SSLEngine engine = engine(MqttTlsConfig.builder().sslContext(initialised("TLS"))
        .alpnProtocols(List.of("x-amzn-mqtt-ca", "mqtt")).build());
    assertThat(engine.getSSLParameters().getApplicationProtocols()).containsExactly("x-amzn-mqtt-ca", "mqtt");
    assertThat(engine.getUseClientMode()).isTrue();
  }

  @Test
  void sslContext_configuredProtocols_replaceTheContextDefaults() throws Exception {
    SSLEngine engine = engine(MqttTlsConfig.builder().sslContext(initialised("TLS"))
        .protocols(List.of("TLSv1.2")).build());
    assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.2");
  }

  @Test
  void sslContext_cipherSuitesAreTheContextsEnabledOnes() throws Exception {
    SSLContext context = initialised("TLS");
    SSLEngine engine = engine(MqttTlsConfig.builder().sslContext(context).build());
    assertThat(engine.getEnabledCipherSuites()).containsExactly(context.createSSLEngine().getEnabledCipherSuites());
  }

  @Test
  void sslContext_providerWithoutAlpn_alpnAsked_failsSayingSo() throws Exception {
    MqttTlsConfig config = MqttTlsConfig.builder().sslContext(new NoAlpnSslContext(initialised("TLS")))
        .alpnProtocols(List.of("x-amzn-mqtt-ca")).build();
    assertThatThrownBy(() -> ClientSslContexts.create(config))
        .isInstanceOf(IOException.class).hasMessageContaining("ALPN [x-amzn-mqtt-ca] cannot be offered")
        .hasMessageContaining("does not support the JDK's ALPN API");
  }

  @Test
  void sslContext_providerWithoutAlpn_noAlpnAsked_builds() throws Exception {
    MqttTlsConfig config = MqttTlsConfig.builder().sslContext(new NoAlpnSslContext(initialised("TLS"))).build();
    assertThat(ClientSslContexts.create(config).isClient()).isTrue();
  }

  @Test
  void sslContext_notInitialised_failsSayingSo() throws Exception {
    MqttTlsConfig config = MqttTlsConfig.builder().sslContext(SSLContext.getInstance("TLS")).build();
    assertThatThrownBy(() -> ClientSslContexts.create(config))
        .isInstanceOf(IOException.class).hasMessageContaining("not initialised");
  }

  @Test
  void sslContext_unknownTlsVersion_failsNamingIt() throws Exception {
    MqttTlsConfig config = MqttTlsConfig.builder().sslContext(initialised("TLS"))
        .protocols(List.of("TLSv9")).build();
    assertThatThrownBy(() -> ClientSslContexts.create(config))
        .isInstanceOf(IOException.class).hasMessageContaining("[TLSv9]").hasMessageContaining("SunJSSE");
  }

  @Test
  void files_unknownTlsVersion_failsWhenBuilt() {
    MqttTlsConfig config = MqttTlsConfig.builder().protocols(List.of("TLSv9")).build();
    assertThatThrownBy(() -> ClientSslContexts.create(config))
        .isInstanceOf(IOException.class).hasMessageContaining("TLSv9");
  }
}
