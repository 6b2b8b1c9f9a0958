package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.test.Ports;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Failover across two Mosquitto brokers: a dead first URI, a primary stopped mid-flow, sessions. */
class MqttClientFailoverIT {

  private static final MqttReconnectPolicy FAST_RECONNECT =
      MqttReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(500));
  private static final Duration WAIT = Duration.ofSeconds(30);

  private MosquittoBroker primary;
  private MosquittoBroker backup;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeEach
  void startBrokers() {
    primary = MosquittoBroker.start();
    backup = MosquittoBroker.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    primary.close();
    backup.close();
  }

  private MqttClient client(MqttClientBuilder builder) {
    MqttClient client = builder.connectTimeout(Duration.ofSeconds(20)).build();
    resources.add(client);
    return client;
  }

  private MessageCollector subscriber(MosquittoBroker broker, String filter) {
    MessageCollector received = new MessageCollector();
    MqttClient client = client(MqttClient.builder().serverUri(broker.uri()));
    client.connect().join();
    client.subscribe(MqttSubscription.of(filter, MqttQos.AT_LEAST_ONCE), received).join();
    return received;
  }

  private static String deadUri() {
    return "tcp://127.0.0.1:" + Ports.freePort();
  }

  @Test
  void connect_firstServerDead_connectsToTheNext() {
    MessageCollector onBackup = subscriber(backup, "fo/first");
    MqttClient client = client(MqttClient.builder()
        .serverUris(List.of(URI.create(deadUri()), URI.create(backup.uri())))
        .reconnectPolicy(MqttReconnectPolicy.DISABLED));

    client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    client.publish(MqttMessage.builder("fo/first").qos(1).payload("via backup").build()).join();

    assertThat(onBackup.next().message().payloadAsString()).isEqualTo("via backup");
  }

  @RepeatedTest(3)
  void connect_randomSelection_findsTheLiveServerWhateverTheOrder() {
    MqttClient client = client(MqttClient.builder()
        .serverUris(List.of(URI.create(deadUri()), URI.create(backup.uri()), URI.create(deadUri())))
        .serverSelection(MqttServerSelection.RANDOM).reconnectPolicy(MqttReconnectPolicy.DISABLED));

    assertThat(client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join().reasonCode().isError())
        .isFalse();
  }

  @Test
  void primaryStoppedMidFlow_reconnectsToBackup_everythingThePrimaryDidNotAcknowledgeReachesTheBackup() {
    MessageCollector onBackup = subscriber(backup, "fo/flow");
    // The backup has no session: publishes in flight when the primary died are sent again there.
    MqttClient client = client(MqttClient.builder()
        .serverUris(List.of(URI.create(primary.uri()), URI.create(backup.uri())))
        .sessionLostPolicy(MqttSessionLostPolicy.RESEND_AS_NEW).reconnectPolicy(FAST_RECONNECT));
    client.connect().join();
    int count = 300;
    List<CompletableFuture<MqttPublishResult>> flows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      flows.add(client.publish(MqttMessage.builder("fo/flow").qos(1).payload("m-" + i).build()));
      if (i == 30) {
        flows.get(10).join();
        primary.stop();
      }
    }

    CompletableFuture.allOf(flows.toArray(CompletableFuture[]::new))
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    await().atMost(WAIT).until(() -> onBackup.payloads().contains("m-" + (count - 1)));
    // What the primary acknowledged is its responsibility (and lost with it); from the first
    // message it did not acknowledge on, in sending order, the backup has everything.
    Set<String> onBackupPayloads = new HashSet<>(onBackup.payloads());
    int first = 0;
    while (!onBackupPayloads.contains("m-" + first)) {
      first++;
    }
    assertThat(first).as("messages published after the primary stopped go to the backup").isLessThanOrEqualTo(31);
    for (int i = first; i < count; i++) {
      assertThat(onBackupPayloads).contains("m-" + i);
    }
    assertThat(client.metrics().reconnects()).isEqualTo(1);
  }

  @Test
  void primaryLostWithUnacknowledgedPublishes_backupHasNoSession_failPolicyFailsThem() {
    FaultProxy link = FaultProxy.start(primary.port());
    resources.add(link);
    MqttClient client = client(MqttClient.builder()
        .serverUris(List.of(URI.create(link.uri()), URI.create(backup.uri())))
        .clientId("fo-fail").sessionExpiryInterval(300).reconnectPolicy(FAST_RECONNECT));
    client.connect().join();
    link.stall(true);
    CompletableFuture<MqttPublishResult> unacked =
        client.publish(MqttMessage.builder("fo/lost").qos(1).payload("x").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> client.metrics().inflight() == 1);

    link.refuseNew(true);
    link.cutAll();

    assertThat(unacked).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(MqttSessionLostException.class);
    await().atMost(WAIT).until(client::isConnected);
  }

  @Test
  void primaryLostWithUnacknowledgedPublishes_backupHasNoSession_resendPolicyDeliversThemOnBackup() {
    MessageCollector onBackup = subscriber(backup, "fo/resend");
    FaultProxy link = FaultProxy.start(primary.port());
    resources.add(link);
    MqttClient client = client(MqttClient.builder()
        .serverUris(List.of(URI.create(link.uri()), URI.create(backup.uri())))
        .clientId("fo-resend").sessionExpiryInterval(300)
        .sessionLostPolicy(MqttSessionLostPolicy.RESEND_AS_NEW).reconnectPolicy(FAST_RECONNECT));
    client.connect().join();
    link.stall(true);
    CompletableFuture<MqttPublishResult> unacked =
        client.publish(MqttMessage.builder("fo/resend").qos(1).payload("again").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> client.metrics().inflight() == 1);

    link.refuseNew(true);
    link.cutAll();

    assertThat(unacked.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join().isSuccess()).isTrue();
    assertThat(onBackup.next().message().payloadAsString()).isEqualTo("again");
  }

  @Test
  void persistentSession_backupAlreadyHoldsIt_resumedThereWithQueuedMessages() {
    // The backup learns the session first: subscribed, then the client leaves it.
    MqttClient earlier = client(MqttClient.builder().serverUri(backup.uri()).clientId("fo-resume")
        .cleanStart(false).sessionExpiryInterval(300).reconnectPolicy(MqttReconnectPolicy.DISABLED));
    earlier.connect().join();
    earlier.subscribe(MqttSubscription.of("fo/resume", MqttQos.AT_LEAST_ONCE), m -> { }).join();
    earlier.disconnect().join();

    MessageCollector received = new MessageCollector();
    MqttClient client = client(MqttClient.builder()
        .serverUris(List.of(URI.create(primary.uri()), URI.create(backup.uri())))
        .clientId("fo-resume").cleanStart(false).sessionExpiryInterval(300).reconnectPolicy(FAST_RECONNECT));
    assertThat(client.connect().join().sessionPresent()).as("primary knows no session").isFalse();
    client.subscribe(MqttSubscription.of("fo/resume", MqttQos.AT_LEAST_ONCE), received).join();
    // Queued in the backup's session while the client is on the primary.
    MqttClient other = client(MqttClient.builder().serverUri(backup.uri()));
    other.connect().join();
    other.publish(MqttMessage.builder("fo/resume").qos(1).payload("queued").build()).join();

    primary.stop();

    assertThat(received.next().message().payloadAsString())
        .as("only a resumed session holds the message queued while away").isEqualTo("queued");
  }
}
