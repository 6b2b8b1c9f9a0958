package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection listener and the retried first connect, against Mosquitto behind the fault
 * proxy.
 */
class MqttClientConnectionEventsIT {

  private static final MqttReconnectPolicy FAST_RECONNECT =
      MqttReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(200));

  private MosquittoBroker broker;
  private FaultProxy proxy;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final RecordingListener events = new RecordingListener();

  @BeforeEach
  void start() {
    broker = MosquittoBroker.start(MosquittoConfig.builder().user("alice", "right").build());
    proxy = FaultProxy.start(broker.port());
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    proxy.close();
    broker.close();
  }

  private MqttClient client(MqttClientBuilder builder) {
    MqttClient client = builder.serverUri(proxy.uri()).username("alice").connectionListener(events)
        .build();
    resources.add(client);
    return client;
  }

  @Test
  void listener_hearsConnected_lostWithCause_reconnecting_connectedAgain_disconnectedByApplication() {
    MqttClient client = client(MqttClient.builder().password("right").clientId("events")
        .cleanStart(false).sessionExpiryInterval(60).reconnectPolicy(FAST_RECONNECT));
    client.connect().join();
    assertThat(events.next()).isEqualTo("connected sessionPresent=false");

    proxy.cutAll();
    assertThat(events.next()).startsWith("disconnected cause=");
    // On a loaded machine an attempt may fail (e.g. the broker has not yet dropped the old
    // session); what matters is: attempts numbered 1, 2, ... in order, then connected.
    int attempt = 1;
    String event = events.next();
    for (; event.startsWith("reconnecting"); event = events.next(), attempt++) {
      assertThat(event).startsWith("reconnecting attempt=" + attempt + " cause=");
    }
    assertThat(attempt).as("at least one reconnecting event").isGreaterThan(1);
    assertThat(event).isEqualTo("connected sessionPresent=true");

    client.disconnect().join();
    assertThat(events.next()).isEqualTo("disconnected cause=null");
  }

  @Test
  void retryFirstConnect_serverUnreachableAtFirst_futureCompletesOnceItIsReachable() {
    proxy.refuseNew(true);
    MqttClient client = client(MqttClient.builder().password("right")
        .reconnectPolicy(FAST_RECONNECT).retryFirstConnect(true));
    CompletableFuture<MqttConnectResult> connected = client.connect();
    assertThat(events.next()).startsWith("reconnecting attempt=1 cause=");
    assertThat(events.next()).startsWith("reconnecting attempt=2 cause=");
    assertThat(connected).isNotDone();

    proxy.refuseNew(false);
    assertThat(connected.orTimeout(15, TimeUnit.SECONDS).join().reasonCode())
        .isEqualTo(MqttReasonCode.SUCCESS);
    assertThat(client.isConnected()).isTrue();
  }

  @Test
  void firstConnect_byDefault_failsFastWhenUnreachable() {
    proxy.refuseNew(true);
    MqttClient client = client(MqttClient.builder().password("right")
        .reconnectPolicy(FAST_RECONNECT));
    assertThatThrownBy(() -> client.connect().orTimeout(15, TimeUnit.SECONDS).join())
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(MqttConnectException.class);
    assertNoRetry("no retry");
  }

  @Test
  void retryFirstConnect_badPassword_failsAtOnceWithTheServersReason() {
    MqttClient client = client(MqttClient.builder().password("wrong")
        .reconnectPolicy(FAST_RECONNECT).retryFirstConnect(true));
    assertThatThrownBy(() -> client.connect().orTimeout(15, TimeUnit.SECONDS).join())
        .hasCauseInstanceOf(MqttConnectException.class)
        .cause().satisfies(e -> assertThat(((MqttConnectException) e).reasonCode()).get()
            // Mosquitto 2.0.11 answers a wrong password with 0x87.
            .isIn(MqttReasonCode.BAD_USER_NAME_OR_PASSWORD, MqttReasonCode.NOT_AUTHORIZED));
    assertNoRetry("a refusal is not retried");
  }

  /**
   * The failed future and a wrong retry's event are sent from the same thread, the failure first, so
   * the check must last longer than a retry delay (at most 200 ms here): over a second, exactly one
   * connection reached the proxy and the listener heard nothing.
   */
  private void assertNoRetry(String why) {
    await(why).during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> {
          assertThat(proxy.acceptedCount()).as("connections accepted").isEqualTo(1);
          assertThat(events.all).as("connection events").isEmpty();
        });
  }

  @Test
  void retryFirstConnect_applicationDisconnects_futureFails() {
    proxy.refuseNew(true);
    MqttClient client = client(MqttClient.builder().password("right")
        .reconnectPolicy(FAST_RECONNECT).retryFirstConnect(true));
    CompletableFuture<MqttConnectResult> connected = client.connect();
    assertThat(events.next()).startsWith("reconnecting");
    client.disconnect().join();
    assertThatThrownBy(() -> connected.orTimeout(15, TimeUnit.SECONDS).join())
        .hasCauseInstanceOf(MqttConnectException.class);
  }

  @Test
  void retryFirstConnect_withoutReconnectPolicy_isAConfigurationError() {
    assertThatThrownBy(() -> MqttClient.builder().retryFirstConnect(true)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnect policy");
  }

  /** Records events as text, in order. */
  private static final class RecordingListener implements MqttConnectionListener {
    final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    final List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void connected(MqttConnectResult result) {
      add("connected sessionPresent=" + result.sessionPresent());
    }

    @Override
    public void disconnected(Throwable cause) {
      add("disconnected cause=" + cause);
    }

    @Override
    public void reconnecting(int attempt, Duration delay, Throwable cause) {
      add("reconnecting attempt=" + attempt + " cause=" + cause);
    }

    private void add(String event) {
      all.add(event);
      queue.add(event);
    }

    String next() {
      try {
        String event = queue.poll(MessageCollector.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event within " + MessageCollector.WAIT).isNotNull();
        return event;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
