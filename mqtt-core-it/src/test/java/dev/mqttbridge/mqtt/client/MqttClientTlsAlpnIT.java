package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import dev.mqttbridge.test.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALPN as an AWS IoT style endpoint on port 443 sees it. Mosquitto cannot negotiate ALPN on its
 * listeners, so the peer is the JDK's own TLS server socket: it records the protocols the client
 * offers, picks one (or refuses them all), then reads the first MQTT byte to show the stream flows.
 * Run once with trust from PEM files and once with a ready-made {@link SSLContext}.
 */
class MqttClientTlsAlpnIT {

  private static final char[] PASSWORD = TestCertificates.PASSWORD.toCharArray();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final int CONNECT = 0x10;

  @TempDir
  static Path directory;

  private static TestCertificates certificates;

  private SSLServerSocket server;
  private final CompletableFuture<List<String>> offered = new CompletableFuture<>();
  private final CompletableFuture<String> negotiated = new CompletableFuture<>();
  private final CompletableFuture<Integer> firstByte = new CompletableFuture<>();

  @BeforeAll
  static void generateCertificates() throws IOException {
    certificates = TestCertificates.generate(directory);
  }

  @AfterEach
  void closeServer() throws IOException {
    server.close();
  }

  /** Accepts one connection whose ALPN choice is {@code accepted} if offered, else the handshake fails. */
  private void startServer(String accepted) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(KeyStore.getInstance(certificates.serverKeyStoreJks().toFile(), PASSWORD), PASSWORD);
    startServer(accepted, keys);
  }

  private void startServer(String accepted, KeyManagerFactory keys) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
        InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.setHandshakeApplicationProtocolSelector((engine, protocols) -> {
          offered.complete(List.copyOf(protocols));
          // null refuses every offer: the handshake ends with a no_application_protocol alert.
          return protocols.contains(accepted) ? accepted : null;
        });
        socket.startHandshake();
        negotiated.complete(socket.getApplicationProtocol());
        firstByte.complete(socket.getInputStream().read());
      } catch (IOException e) {
        negotiated.completeExceptionally(e);
        firstByte.completeExceptionally(e);
      }
    }, "alpn-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static SSLContext trustingCa() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificates.caCertificate())) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static MqttTlsConfig.Builder tls(String source) throws Exception {
    return source.equals("files")
        ? MqttTlsConfig.builder().trustedCertificates(certificates.caCertificate())
        : MqttTlsConfig.builder().sslContext(trustingCa());
  }

  /** Connects (the server never answers CONNECT, so this fails) and returns the client's error. */
  private Throwable connect(MqttTlsConfig tls) {
    try (MqttClient client = MqttClient.builder().serverUri("ssl://localhost:" + server.getLocalPort())
        .tls(tls).connectTimeout(Duration.ofSeconds(3)).reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
      return catchThrowable(() -> client.connect().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"files", "sslContext"})
  void alpn_offeredInOrder_serverPicksOne_mqttFlowsOverIt(String source) throws Exception {
    startServer("mqtt");
    connect(tls(source).alpnProtocols(List.of("x-amzn-mqtt-ca", "mqtt")).build());
    assertThat(offered.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).containsExactly("x-amzn-mqtt-ca", "mqtt");
    assertThat(negotiated.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("mqtt");
    assertThat(firstByte.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(CONNECT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"files", "sslContext"})
  void alpn_serverCertificateForAnotherHost_stillRefusedAsMismatch(String source) throws Exception {
    // Netty wraps the engine for ALPN; hostname verification must survive the wrapping.
    startServer("mqtt", dev.mqttbridge.mqtt.internal.tls.KeyMaterial.identityPem(
        certificates.otherHostServerCertificate(), certificates.otherHostServerKey(), null));
    Throwable error = connect(tls(source).alpnProtocols(List.of("mqtt")).build());
    assertThat(error).cause().isInstanceOf(MqttConnectException.class)
        .hasMessageContaining("does not match the host name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"files", "sslContext"})
  void alpn_serverAcceptsNoneOffered_refusedAsTlsFailure(String source) throws Exception {
    startServer("x-other");
    Throwable error = connect(tls(source).alpnProtocols(List.of("mqtt")).build());
    assertThat(offered.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).containsExactly("mqtt");
    assertThat(error).cause().isInstanceOf(MqttConnectException.class)
        .hasMessageStartingWith("TLS to localhost:").hasMessageContaining("no_application_protocol");
  }
}
