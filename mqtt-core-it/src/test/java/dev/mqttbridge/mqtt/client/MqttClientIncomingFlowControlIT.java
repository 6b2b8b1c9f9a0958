package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Incoming flow control against Mosquitto (and, across a link cut, our embedded broker), within a connection and across a session resume. Reads
 * pause at our Receive Maximum, but PUBREL (QoS 2) must still be read or the flow can never
 * complete. Across a resume: the subscriber's reads are
 * paused because the application holds back acknowledgements at its Receive Maximum, the link goes
 * (proxy cut or broker restart), and the client resumes its persistent session. The server then
 * redelivers what we hold and keeps sending beyond our Receive Maximum (Mosquitto 2.0.11 does); the
 * client must still read the redeliveries, so that the application's acknowledgements can go out and
 * everything arrives, and its own dead-link check must not fire while reads are paused.
 */
class MqttClientIncomingFlowControlIT {

  private static final MqttReconnectPolicy FAST_RECONNECT =
      MqttReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(300));
  private static final int MESSAGES = 12;
  private static final int RECEIVE_MAXIMUM = 2;

  private MosquittoBroker broker;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeEach
  void startBroker() {
    broker = MosquittoBroker.start(MosquittoConfig.durable());
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    broker.close();
  }

  private MqttClient client(MqttClientBuilder builder) {
    MqttClient client = builder.build();
    resources.add(client);
    return client;
  }

  @ParameterizedTest
  @CsvSource({"V5, AT_LEAST_ONCE", "V5, EXACTLY_ONCE", "V3_1_1, AT_LEAST_ONCE",
      "V3_1_1, EXACTLY_ONCE"})
  void automaticAcks_atReceiveMaximum_everyMessageArrives(MqttVersion version, MqttQos qos) {
    String topic = "auto/" + version + "/" + qos;
    MessageCollector received = new MessageCollector();
    MqttClient subscriber = client(MqttClient.builder().serverUri(broker.uri()).version(version)
        .receiveMaximum(RECEIVE_MAXIMUM).reconnectPolicy(MqttReconnectPolicy.DISABLED));
    subscriber.connect().join();
    subscriber.subscribe(MqttSubscription.of(topic, qos), received).join();
    MqttClient publisher = client(MqttClient.builder().serverUri(broker.uri()).version(version)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED));
    publisher.connect().join();
    for (int i = 0; i < MESSAGES; i++) {
      publisher.publish(MqttMessage.builder(topic).qos(qos).payload("m" + i).build()).join();
    }
    await().atMost(MessageCollector.WAIT).until(() -> received.count() >= MESSAGES);
    assertThat(received.payloads()).containsExactlyElementsOf(expectedPayloads());
  }

  @ParameterizedTest
  @CsvSource({"V5, AT_LEAST_ONCE", "V5, EXACTLY_ONCE", "V3_1_1, AT_LEAST_ONCE",
      "V3_1_1, EXACTLY_ONCE"})
  void readsPausedAtReceiveMaximum_linkCut_sessionResumed_everyMessageArrivesOnceAcknowledged(
      MqttVersion version, MqttQos qos) throws InterruptedException {
    FaultProxy proxy = FaultProxy.start(broker.port());
    resources.add(proxy);
    runScenario(version, qos, "cut-" + version + "-" + qos.code(), proxy.uri(), broker.uri(),
        proxy::cutAll);
  }

  @ParameterizedTest
  @CsvSource({"V5, AT_LEAST_ONCE", "V5, EXACTLY_ONCE", "V3_1_1, AT_LEAST_ONCE",
      "V3_1_1, EXACTLY_ONCE"})
  void embeddedBroker_readsPausedAtReceiveMaximum_linkCut_sessionResumed_everyMessageArrives(
      MqttVersion version, MqttQos qos) throws InterruptedException {
    MqttBroker embedded = MqttBroker.builder().port(0).build().start();
    resources.add(embedded);
    FaultProxy proxy = FaultProxy.start(embedded.port());
    resources.add(proxy);
    runScenario(version, qos, "embedded-" + version + "-" + qos.code(), proxy.uri(),
        embedded.uri(), proxy::cutAll);
  }

  @ParameterizedTest
  @CsvSource({"V5, AT_LEAST_ONCE", "V5, EXACTLY_ONCE", "V3_1_1, AT_LEAST_ONCE",
      "V3_1_1, EXACTLY_ONCE"})
  void readsPausedAtReceiveMaximum_brokerRestarts_sessionResumed_everyMessageArrivesOnceAcknowledged(
      MqttVersion version, MqttQos qos) throws InterruptedException {
    runScenario(version, qos, "restart-" + version + "-" + qos.code(), broker.uri(), broker.uri(),
        broker::restart);
  }

  private static List<String> expectedPayloads() {
    return IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList();
  }

  private void runScenario(MqttVersion version, MqttQos qos, String name, String subscriberUri,
      String publisherUri, Runnable fault) throws InterruptedException {
    String topic = "resume/" + name;
    List<MqttReceivedMessage> held = new CopyOnWriteArrayList<>();
    MqttClient subscriber = client(MqttClient.builder().serverUri(subscriberUri).version(version)
        .clientId("resume-" + name).cleanStart(false).sessionExpiryInterval(300).keepAlive(1)
        .receiveMaximum(RECEIVE_MAXIMUM).manualAcknowledgement(true)
        .reconnectPolicy(FAST_RECONNECT));
    subscriber.connect().join();
    subscriber.subscribe(MqttSubscription.of(topic, qos), held::add).join();

    MqttClient publisher = client(MqttClient.builder().serverUri(publisherUri).version(version)
        .reconnectPolicy(FAST_RECONNECT));
    publisher.connect().join();
    for (int i = 0; i < MESSAGES; i++) {
      publisher.publish(MqttMessage.builder(topic).qos(qos).payload("m" + i).build()).join();
    }
    // The application holds every acknowledgement: reads stop at the Receive Maximum.
    await().atMost(MessageCollector.WAIT).until(() -> held.size() >= RECEIVE_MAXIMUM);

    fault.run();
    await().atMost(MessageCollector.WAIT)
        .until(() -> subscriber.metrics().reconnects() >= 1 && subscriber.isConnected());
    // Still holding: the resumed session is at its bound again, with reads paused; keep alive (1 s)
    // must not call the link dead meanwhile.
    Thread.sleep(3_000);
    assertThat(subscriber.isConnected()).as("connected while reads are paused").isTrue();
    assertThat(subscriber.metrics().reconnects()).as("no reconnect caused by keep alive")
        .isEqualTo(1);

    await().atMost(Duration.ofSeconds(30)).until(() -> {
      held.forEach(MqttReceivedMessage::acknowledge);
      return held.size() >= MESSAGES;
    });
    assertThat(held).extracting(m -> m.message().payloadAsString())
        .containsExactlyElementsOf(expectedPayloads());
  }
}
