package dev.mqttbridge.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.client.MqttConnectException;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Which connect failures are configuration problems (fail the task) and which are retried. */
class MqttClientFactoryTest {

  private static MqttConnectException connectFailure(Throwable cause) {
    return new MqttConnectException("TLS to ssl://localhost:8883 failed", null, cause);
  }

  @Test
  void untrustedOrMisnamedServerCertificate_isACertificateRefusal() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(new CertificateException("unable to find valid certification path"));

    assertThat(MqttClientFactory.isCertificateRefusal(connectFailure(handshake))).isTrue();
  }

  @Test
  void serverRefusingOurCertificate_isACertificateRefusal() {
    assertThat(MqttClientFactory.isCertificateRefusal(connectFailure(
        new SSLException("Received fatal alert: certificate_required")))).isTrue();
    assertThat(MqttClientFactory.isCertificateRefusal(connectFailure(
        new SSLHandshakeException("Received fatal alert: unknown_ca")))).isTrue();
  }

  @Test
  void unreachableServerOrHandshakeTimeout_isRetried() {
    assertThat(MqttClientFactory.isCertificateRefusal(connectFailure(
        new ConnectException("Connection refused")))).isFalse();
    assertThat(MqttClientFactory.isCertificateRefusal(connectFailure(
        new SSLHandshakeException("handshake timed out after 10000ms")))).isFalse();
    assertThat(MqttClientFactory.isCertificateRefusal(connectFailure(
        new IOException("Connection reset by peer")))).isFalse();
  }
}
