package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.test.mosquitto.MosquittoTlsListener;
import dev.mqttbridge.test.tls.TestCertificates;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS through Camel's {@code sslContextParameters} against Mosquitto's TLS listeners: one that
 * authenticates the server only, one that also requires a client certificate. Peers talk to the
 * same brokers over plain TCP, so what crosses TLS is the component's own traffic.
 */
class MqttComponentTlsIT extends CamelTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  static Path directory;

  private static TestCertificates certificates;
  private static MosquittoBroker serverAuth;
  private static MosquittoBroker mutual;
  private static MosquittoBroker otherHost;

  private final List<MqttClient> peers = new ArrayList<>();

  @BeforeAll
  static void startBrokers() throws Exception {
    certificates = TestCertificates.generate(directory);
    serverAuth = tlsBroker(certificates.serverCertificate(), certificates.serverKey(), false);
    mutual = tlsBroker(certificates.serverCertificate(), certificates.serverKey(), true);
    otherHost = tlsBroker(certificates.otherHostServerCertificate(),
        certificates.otherHostServerKey(), false);
  }

  private static MosquittoBroker tlsBroker(Path certificate, Path key,
      boolean requireClientCertificate) {
    return MosquittoBroker.start(MosquittoConfig.builder()
        .tls(MosquittoTlsListener.of(certificates.caCertificate(), certificate, key)
            .withRequireCertificate(requireClientCertificate))
        .build());
  }

  @AfterAll
  static void stopBrokers() {
    for (MosquittoBroker broker : new MosquittoBroker[] {serverAuth, mutual, otherHost}) {
      if (broker != null) {
        broker.close();
      }
    }
  }

  @Override
  protected CamelContext createCamelContext() throws Exception {
    CamelContext camelContext = super.createCamelContext();
    camelContext.getRegistry().bind("trustCa", parameters(trustStore(), null));
    camelContext.getRegistry().bind("clientIdentity",
        parameters(trustStore(), clientKeyStore()));
    camelContext.getRegistry().bind("trustOtherCa",
        parameters(pemTrustStore(certificates.otherCaCertificate()), null));
    TestHealthChecks.enableConsumerAndProducerChecks(camelContext);
    return camelContext;
  }

  @AfterEach
  void closePeers() {
    peers.forEach(MqttClient::close);
  }

  @Test
  void consumer_serverAuthenticatedTls_receivesWhatAPlainPeerPublishes() throws Exception {
    addConsumer("tls-consumer", "tls/in", serverAuth, "trustCa");
    MockEndpoint consumed = getMockEndpoint("mock:tls-consumer");
    consumed.expectedBodiesReceived("over tls");

    publish(serverAuth, "tls/in", "over tls");

    consumed.assertIsSatisfied(WAIT.toMillis());
    assertThat(consumed.getReceivedExchanges().get(0).getIn().getHeader(MqttConstants.TOPIC))
        .isEqualTo("tls/in");
  }

  @Test
  void producer_serverAuthenticatedTls_publishesToAPlainPeer() throws Exception {
    BlockingQueue<MqttReceivedMessage> received = subscribe(serverAuth, "tls/out");

    template.sendBody("mqtt:tls/out?serverUris=" + serverAuth.tlsUri()
        + "&sslContextParameters=#trustCa", "from camel over tls");

    MqttReceivedMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(message).isNotNull();
    assertThat(message.message().payloadAsString()).isEqualTo("from camel over tls");
  }

  @Test
  void mutualTls_clientCertificateFromKeyStore_producerToConsumerRoundTrip() throws Exception {
    addConsumer("mutual-consumer", "mutual/in", mutual, "clientIdentity");
    MockEndpoint consumed = getMockEndpoint("mock:mutual-consumer");
    consumed.expectedBodiesReceived("mutual");

    template.sendBody("mqtt:mutual/in?serverUris=" + mutual.tlsUri()
        + "&sslContextParameters=#clientIdentity", "mutual");

    consumed.assertIsSatisfied(WAIT.toMillis());
  }

  @Test
  void mutualTls_noClientCertificate_consumerDownSayingTheServerWantsOne() throws Exception {
    addConsumer("no-identity", "mutual/none", mutual, "trustCa");

    assertConsumerDown("no-identity", "the server refused our client certificate or wants one");
  }

  @Test
  void consumer_brokerCertificateFromAnotherCa_routeStartsAndHealthDownSayingNotTrusted()
      throws Exception {
    addConsumer("wrong-ca", "tls/wrong", serverAuth, "trustOtherCa");

    assertConsumerDown("wrong-ca", "the server's certificate is not trusted");
    assertThat(context.getRouteController().getRouteStatus("wrong-ca").isStarted()).isTrue();
  }

  @Test
  void producer_brokerCertificateFromAnotherCa_sendFailsSayingNotTrusted() {
    String uri = "mqtt:tls/wrong?serverUris=" + serverAuth.tlsUri()
        + "&sslContextParameters=#trustOtherCa&automaticReconnect=false";

    assertThatThrownBy(() -> template.sendBody(uri, "never"))
        .hasStackTraceContaining("the server's certificate is not trusted");
  }

  @Test
  void hostnameVerification_brokerCertificateForAnotherHost_downByDefaultAndConnectsWhenOff()
      throws Exception {
    addConsumer("other-host", "tls/host", otherHost, "trustCa");
    assertConsumerDown("other-host", "the server's certificate does not match the host name");

    BlockingQueue<MqttReceivedMessage> received = subscribe(otherHost, "tls/host");
    template.sendBody("mqtt:tls/host?serverUris=" + otherHost.tlsUri()
        + "&sslContextParameters=#trustCa&hostnameVerification=false", "any host");
    MqttReceivedMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(message).isNotNull();
    assertThat(message.message().payloadAsString()).isEqualTo("any host");
  }

  @Test
  void useGlobalSslContextParameters_componentOptsIn_endpointWithoutOptionUsesTls()
      throws Exception {
    context.setSSLContextParameters(parameters(trustStore(), null));
    context.getComponent("mqtt", MqttComponent.class).setUseGlobalSslContextParameters(true);
    BlockingQueue<MqttReceivedMessage> received = subscribe(serverAuth, "tls/global");

    template.sendBody("mqtt:tls/global?serverUris=" + serverAuth.tlsUri(), "global tls");

    MqttReceivedMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(message).isNotNull();
    assertThat(message.message().payloadAsString()).isEqualTo("global tls");
  }

  private void addConsumer(String routeId, String topic, MosquittoBroker broker,
      String parameters) throws Exception {
    context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:" + topic + "?serverUris=" + broker.tlsUri() + "&sslContextParameters=#"
            + parameters + "&maxReconnectDelay=1000").routeId(routeId)
            .to("mock:" + routeId);
      }
    });
  }

  private void assertConsumerDown(String routeId, String reason) {
    HealthCheck.Result result =
        HealthCheckHelper.invoke(context, "consumer:" + routeId, Map.of()).orElseThrow();
    assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
    assertThat(result.getMessage()).hasValueSatisfying(
        message -> assertThat(message).startsWith("Not connected: TLS to ").contains(reason));
  }

  private MqttClient peer(MosquittoBroker broker) {
    MqttClient client = MqttClient.builder().serverUri(broker.uri())
        .clientId("tls-peer-" + peers.size() + "-" + System.nanoTime() % 100_000).build();
    peers.add(client);
    client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    return client;
  }

  private BlockingQueue<MqttReceivedMessage> subscribe(MosquittoBroker broker, String filter) {
    BlockingQueue<MqttReceivedMessage> received = new LinkedBlockingQueue<>();
    assertThat(peer(broker).subscribe(MqttSubscription.of(filter, MqttQos.AT_LEAST_ONCE),
        received::add).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join().isSuccess()).isTrue();
    return received;
  }

  private void publish(MosquittoBroker broker, String topic, String payload) {
    peer(broker).publish(MqttMessage.builder(topic).payload(payload).qos(1).build())
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  private static SSLContextParameters parameters(KeyStoreParameters trust,
      KeyStoreParameters identity) {
    TrustManagersParameters trustManagers = new TrustManagersParameters();
    trustManagers.setKeyStore(trust);
    SSLContextParameters parameters = new SSLContextParameters();
    parameters.setTrustManagers(trustManagers);
    if (identity != null) {
      KeyManagersParameters keyManagers = new KeyManagersParameters();
      keyManagers.setKeyStore(identity);
      keyManagers.setKeyPassword(TestCertificates.PASSWORD);
      parameters.setKeyManagers(keyManagers);
    }
    return parameters;
  }

  /** The test CA's PKCS12 trust store, by file resource as users configure it. */
  private static KeyStoreParameters trustStore() {
    return store(certificates.trustStorePkcs12());
  }

  private static KeyStoreParameters clientKeyStore() {
    return store(certificates.clientKeyStorePkcs12());
  }

  private static KeyStoreParameters store(Path file) {
    KeyStoreParameters store = new KeyStoreParameters();
    store.setResource("file:" + file);
    store.setType("PKCS12");
    store.setPassword(TestCertificates.PASSWORD);
    return store;
  }

  /** A trust store holding one PEM CA certificate. */
  private static KeyStoreParameters pemTrustStore(Path caPem) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      keyStore.setCertificateEntry("ca",
          CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    KeyStoreParameters store = new KeyStoreParameters();
    store.setKeyStore(keyStore);
    return store;
  }
}
