package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.test.mosquitto.MosquittoTlsListener;
import dev.mqttbridge.test.tls.TestCertificates;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS against Mosquitto's TLS listener with certificates generated at test time: server
 * authentication, mutual TLS with RSA and EC keys in every PEM form, in stores and in a ready-made
 * {@link SSLContext}, and the refusals (no client certificate, wrong CA, untrusted or expired server
 * certificate, host name mismatch).
 */
class MqttClientTlsIT {

  private static final char[] PASSWORD = TestCertificates.PASSWORD.toCharArray();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  static Path directory;

  private static TestCertificates certificates;
  private static MosquittoBroker serverAuth;
  private static MosquittoBroker mutual;
  private static MosquittoBroker expired;
  private static MosquittoBroker otherHost;

  @BeforeAll
  static void startBrokers() throws Exception {
    certificates = TestCertificates.generate(directory);
    serverAuth = tlsBroker(certificates.serverCertificate(), certificates.serverKey(), false);
    mutual = tlsBroker(certificates.serverCertificate(), certificates.serverKey(), true);
    expired = tlsBroker(certificates.expiredServerCertificate(), certificates.expiredServerKey(), false);
    otherHost = tlsBroker(certificates.otherHostServerCertificate(), certificates.otherHostServerKey(), false);
  }

  @AfterAll
  static void stopBrokers() {
    for (MosquittoBroker broker : new MosquittoBroker[] {serverAuth, mutual, expired, otherHost}) {
      if (broker != null) {
        broker.close();
      }
    }
  }

  private static MosquittoBroker tlsBroker(Path certificate, Path key, boolean requireClientCertificate) {
    return MosquittoBroker.start(MosquittoConfig.builder()
        .tls(MosquittoTlsListener.of(certificates.caCertificate(), certificate, key)
            .withRequireCertificate(requireClientCertificate))
        .build());
  }

  private static String uri(String scheme, String host, MosquittoBroker broker) {
    return scheme + "://" + host + ":" + broker.tlsPort();
  }

  private static MqttTlsConfig.Builder trustingCa() {
    return MqttTlsConfig.builder().trustedCertificates(certificates.caCertificate());
  }

  private static MqttClient client(String uri, MqttTlsConfig tls) {
    return MqttClient.builder().serverUri(uri).tls(tls).connectTimeout(TIMEOUT)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
  }

  private static void assertConnects(String uri, MqttTlsConfig tls) {
    try (MqttClient client = client(uri, tls)) {
      assertThat(client.connect().orTimeout(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
          .join().reasonCode()).isEqualTo(MqttReasonCode.SUCCESS);
      client.disconnect().join();
    }
  }

  private static String refusal(String uri, MqttTlsConfig tls) {
    try (MqttClient client = client(uri, tls)) {
      Throwable error = org.assertj.core.api.Assertions.catchThrowable(
          () -> client.connect().orTimeout(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join());
      assertThat(error).isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(MqttConnectException.class);
      return error.getCause().getMessage();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssl", "mqtts", "tls"})
  void connect_serverAuthTls_caFromPem_succeedsForEachScheme(String scheme) {
    assertConnects(uri(scheme, "localhost", serverAuth), trustingCa().build());
  }

  @Test
  void connect_byIpAddress_matchesTheIpSubjectAlternativeName() {
    assertConnects(uri("ssl", "127.0.0.1", serverAuth), trustingCa().build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void connect_singleTlsVersion_succeeds(String protocol) {
    assertConnects(uri("ssl", "localhost", serverAuth), trustingCa().protocols(List.of(protocol)).build());
  }

  static Stream<Arguments> trustStores() {
    return Stream.of(Arguments.of("PKCS12", (Function<TestCertificates, Path>) TestCertificates::trustStorePkcs12),
        Arguments.of("JKS", (Function<TestCertificates, Path>) TestCertificates::trustStoreJks));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trustStores")
  void connect_trustFromStore_succeeds(String type, Function<TestCertificates, Path> store) {
    assertConnects(uri("ssl", "localhost", serverAuth),
        MqttTlsConfig.builder().trustStore(store.apply(certificates), PASSWORD).build());
  }

  static Stream<Arguments> clientKeys() {
    return Stream.of(
        Arguments.of("PKCS#8", (Function<TestCertificates, Path>) TestCertificates::clientKeyPkcs8, null),
        Arguments.of("encrypted PKCS#8",
            (Function<TestCertificates, Path>) TestCertificates::clientKeyPkcs8Encrypted, PASSWORD),
        Arguments.of("PKCS#1", (Function<TestCertificates, Path>) TestCertificates::clientKeyPkcs1, null),
        Arguments.of("encrypted PKCS#1",
            (Function<TestCertificates, Path>) TestCertificates::clientKeyPkcs1Encrypted, PASSWORD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientKeys")
  void connect_mutualTls_clientKeyInEachPemForm_succeeds(String form, Function<TestCertificates, Path> key,
      char[] password) {
    assertConnects(uri("ssl", "localhost", mutual), trustingCa()
        .clientCertificate(certificates.clientCertificate(), key.apply(certificates), password).build());
  }

  static Stream<Arguments> ecClientKeys() {
    return Stream.of(
        Arguments.of("SEC1", (Function<TestCertificates, Path>) TestCertificates::clientEcKeySec1, null),
        Arguments.of("encrypted SEC1",
            (Function<TestCertificates, Path>) TestCertificates::clientEcKeySec1Encrypted, PASSWORD),
        Arguments.of("PKCS#8", (Function<TestCertificates, Path>) TestCertificates::clientEcKeyPkcs8, null),
        Arguments.of("encrypted PKCS#8",
            (Function<TestCertificates, Path>) TestCertificates::clientEcKeyPkcs8Encrypted, PASSWORD));
  }

  @ParameterizedTest(name = "EC {0}")
  @MethodSource("ecClientKeys")
  void connect_mutualTls_ecClientKeyInEachPemForm_succeeds(String form, Function<TestCertificates, Path> key,
      char[] password) {
    assertConnects(uri("ssl", "localhost", mutual), trustingCa()
        .clientCertificate(certificates.clientEcCertificate(), key.apply(certificates), password).build());
  }

  @Test
  void build_ecCertificateWithRsaKey_failsNamingBoth() {
    MqttTlsConfig tls = trustingCa().clientCertificate(certificates.clientEcCertificate(),
        certificates.clientKeyPkcs1(), null).build();
    assertThatThrownBy(() -> client(uri("ssl", "localhost", mutual), tls))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(certificates.clientKeyPkcs1().toString())
        .hasMessageContaining(certificates.clientEcCertificate().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"p12", "jks"})
  void connect_mutualTls_identityFromKeyStore_succeeds(String type) {
    Path store = type.equals("jks") ? certificates.clientKeyStoreJks() : certificates.clientKeyStorePkcs12();
    assertConnects(uri("ssl", "localhost", mutual), trustingCa().keyStore(store, PASSWORD).build());
  }

  @Test
  void publishSubscribe_overMutualTls_roundTrips() {
    MqttTlsConfig tls = trustingCa()
        .clientCertificate(certificates.clientCertificate(), certificates.clientKeyPkcs8(), null).build();
    MessageCollector received = new MessageCollector();
    try (MqttClient client = MqttClient.builder().serverUri(uri("ssl", "localhost", mutual)).tls(tls)
        .connectTimeout(TIMEOUT).build()) {
      client.connect().join();
      client.subscribe(MqttSubscription.builder("tls/echo").qos(MqttQos.AT_LEAST_ONCE).build(), received).join();
      client.publish(MqttMessage.builder("tls/echo").payload("over TLS")
          .qos(MqttQos.EXACTLY_ONCE).build()).join();
      assertThat(received.next().message().payloadAsString()).isEqualTo("over TLS");
    }
  }

  @Test
  void connect_mutualTlsWithoutClientCertificate_refused() {
    assertThat(refusal(uri("ssl", "localhost", mutual), trustingCa().build())).startsWith("TLS to localhost:");
  }

  @Test
  void connect_clientCertificateFromOtherCa_refused() {
    String message = refusal(uri("ssl", "localhost", mutual), trustingCa()
        .clientCertificate(certificates.otherCaClientCertificate(), certificates.otherCaClientKey(), null).build());
    assertThat(message).startsWith("TLS to localhost:");
  }

  @Test
  void connect_trustingOnlyOtherCa_refusedAsUntrusted() {
    String message = refusal(uri("ssl", "localhost", serverAuth),
        MqttTlsConfig.builder().trustedCertificates(certificates.otherCaCertificate()).build());
    assertThat(message).contains("not trusted");
  }

  @Test
  void connect_expiredServerCertificate_refusedAsExpired() {
    assertThat(refusal(uri("ssl", "localhost", expired), trustingCa().build())).contains("expired");
  }

  @Test
  void connect_hostnameMismatch_refused() {
    assertThat(refusal(uri("ssl", "localhost", otherHost), trustingCa().build()))
        .contains("does not match the host name");
  }

  @Test
  void connect_hostnameMismatch_verificationTurnedOff_succeeds() {
    assertConnects(uri("ssl", "localhost", otherHost), trustingCa().hostnameVerification(false).build());
  }

  @Test
  void connect_serverNameMatchingTheCertificate_sentAsSniAndVerified() {
    assertConnects(uri("ssl", "localhost", otherHost), trustingCa().serverName("other.example").build());
  }

  @Test
  void connect_withAlpnProtocols_succeedsWhenServerIgnoresAlpn() {
    assertConnects(uri("ssl", "localhost", serverAuth), trustingCa().alpnProtocols(List.of("mqtt")).build());
  }

  /** A JDK context as a framework such as Camel hands it over: trust from a PEM CA, identity from PKCS12. */
  private static SSLContext sslContext(Path trustedCa, Path identityStore) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(trustedCa)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    KeyManagerFactory keyManagers = null;
    if (identityStore != null) {
      keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(KeyStore.getInstance(identityStore.toFile(), PASSWORD), PASSWORD);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  @Test
  void connect_sslContext_serverAuth_succeeds() throws Exception {
    assertConnects(uri("ssl", "localhost", serverAuth),
        MqttTlsConfig.builder().sslContext(sslContext(certificates.caCertificate(), null)).build());
  }

  @Test
  void publishSubscribe_sslContextWithClientIdentity_mutualTls_roundTrips() throws Exception {
    MqttTlsConfig tls = MqttTlsConfig.builder()
        .sslContext(sslContext(certificates.caCertificate(), certificates.clientKeyStorePkcs12())).build();
    MessageCollector received = new MessageCollector();
    try (MqttClient client = MqttClient.builder().serverUri(uri("mqtts", "localhost", mutual)).tls(tls)
        .connectTimeout(TIMEOUT).build()) {
      client.connect().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
      client.subscribe(MqttSubscription.builder("tls/context").qos(MqttQos.AT_LEAST_ONCE).build(), received)
          .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
      client.publish(MqttMessage.builder("tls/context").payload("via SSLContext")
          .qos(MqttQos.AT_LEAST_ONCE).build()).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
      assertThat(received.next().message().payloadAsString()).isEqualTo("via SSLContext");
    }
  }

  @Test
  void connect_sslContextWithoutIdentity_mutualTls_refused() throws Exception {
    assertThat(refusal(uri("ssl", "localhost", mutual),
        MqttTlsConfig.builder().sslContext(sslContext(certificates.caCertificate(), null)).build()))
        .startsWith("TLS to localhost:");
  }

  @Test
  void connect_sslContextTrustingOtherCa_refusedAsUntrusted() throws Exception {
    assertThat(refusal(uri("ssl", "localhost", serverAuth),
        MqttTlsConfig.builder().sslContext(sslContext(certificates.otherCaCertificate(), null)).build()))
        .contains("not trusted");
  }

  @Test
  void connect_sslContext_hostnameMismatch_refused() throws Exception {
    assertThat(refusal(uri("ssl", "localhost", otherHost),
        MqttTlsConfig.builder().sslContext(sslContext(certificates.caCertificate(), null)).build()))
        .contains("does not match the host name");
  }

  @Test
  void connect_sslContext_hostnameMismatch_verificationOff_succeeds() throws Exception {
    assertConnects(uri("ssl", "localhost", otherHost), MqttTlsConfig.builder()
        .sslContext(sslContext(certificates.caCertificate(), null)).hostnameVerification(false).build());
  }

  @Test
  void connect_sslContext_serverNameSentAsSniAndVerified() throws Exception {
    assertConnects(uri("ssl", "localhost", otherHost), MqttTlsConfig.builder()
        .sslContext(sslContext(certificates.caCertificate(), null)).serverName("other.example").build());
  }

  @Test
  void build_encryptedKeyWithWrongPassword_failsNamingTheFile() {
    MqttTlsConfig tls = trustingCa().clientCertificate(certificates.clientCertificate(),
        certificates.clientKeyPkcs8Encrypted(), "not-the-password".toCharArray()).build();
    assertThatThrownBy(() -> client(uri("ssl", "localhost", mutual), tls))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(certificates.clientKeyPkcs8Encrypted().toString())
        .hasMessageContaining("wrong password?").hasMessageNotContaining("not-the-password");
  }

  @Test
  void build_encryptedKeyWithoutPassword_failsSayingOneIsNeeded() {
    MqttTlsConfig tls = trustingCa().clientCertificate(certificates.clientCertificate(),
        certificates.clientKeyPkcs1Encrypted(), null).build();
    assertThatThrownBy(() -> client(uri("ssl", "localhost", mutual), tls))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("a password is needed");
  }
}
