package dev.mqttbridge.mqtt.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class MqttTlsConfigTest {

  private static final Path PEM = Path.of("ca.pem");

  @Test
  void sslContext_keptAsGivenAndShownByProtocolAndProvider() throws Exception {
    SSLContext context = SSLContext.getDefault();
    MqttTlsConfig config = MqttTlsConfig.builder().sslContext(context).build();
    assertThat(config.sslContext()).containsSame(context);
    assertThat(config.toString()).contains("sslContext=Default/SunJSSE");
    assertThat(MqttTlsConfig.defaults().sslContext()).isEmpty();
  }

  @Test
  void sslContext_withTrustedCertificates_refused() throws Exception {
    assertThatThrownBy(() -> MqttTlsConfig.builder().sslContext(SSLContext.getDefault())
        .trustedCertificates(PEM).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SSLContext supplies trust");
  }

  @Test
  void sslContext_withClientCertificate_refused() throws Exception {
    assertThatThrownBy(() -> MqttTlsConfig.builder().sslContext(SSLContext.getDefault())
        .clientCertificate(PEM, Path.of("client.key"), null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client certificate");
  }

  @Test
  void sslContext_withKeyStore_refused() throws Exception {
    assertThatThrownBy(() -> MqttTlsConfig.builder().sslContext(SSLContext.getDefault())
        .keyStore(Path.of("client.p12"), new char[0]).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key store");
  }

  @Test
  void equals_sameContextAndSettings_equal_otherContext_notEqual() throws Exception {
    SSLContext context = SSLContext.getDefault();
    SSLContext other = SSLContext.getInstance("TLS");
    assertThat(MqttTlsConfig.builder().sslContext(context).build())
        .isEqualTo(MqttTlsConfig.builder().sslContext(context).build())
        .hasSameHashCodeAs(MqttTlsConfig.builder().sslContext(context).build())
        .isNotEqualTo(MqttTlsConfig.builder().sslContext(other).build());
  }
}
