package dev.mqttbridge.test.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.test.proxy.FaultProxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MosquittoClientsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static MosquittoBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = MosquittoBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void subscriberThatOutlivesItsTimeout_isStoppedAndReportedAsTimedOut() {
    ClientResult result = MosquittoClients.of(broker).sub(Duration.ofMillis(500), "-t", "clients/silence");

    assertThat(result.timedOut()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.stdout()).isEmpty();
    assertThatThrownBy(result::requireSuccess).isInstanceOf(AssertionError.class).hasMessageContaining("timed out");
  }

  @Test
  void failingClient_reportsExitCodeAndStderr() {
    // QoS 7 does not exist: mosquitto_pub refuses its arguments.
    ClientResult result = MosquittoClients.of(broker).pub("-t", "clients/bad", "-m", "x", "-q", "7");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).isNotEmpty();
    assertThatThrownBy(result::requireSuccess).hasMessageContaining("exited with code " + result.exitCode());
  }

  @Test
  void awaitOutput_failsWithTheOutputWhenTheProcessEndsFirst() {
    try (ClientProcess subscriber = MosquittoClients.of(broker).startSub("-t", "clients/x", "-C", "1", "-W", "1")) {
      assertThatThrownBy(() -> subscriber.awaitOutput("never printed", TIMEOUT))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("the process ended");
    }
  }

  @Test
  void clientsReachTheBrokerThroughAFaultProxy() {
    try (FaultProxy proxy = FaultProxy.start(broker.port())) {
      MosquittoClients throughProxy = MosquittoClients.of(proxy.port());

      throughProxy.pub("-V", "5", "-r", "-t", "clients/proxied", "-m", "via proxy").requireSuccess();

      assertThat(throughProxy.sub(TIMEOUT, "-V", "5", "-t", "clients/proxied", "-C", "1", "-W", "20")
          .requireSuccess().stdoutLines()).containsExactly("via proxy");
      assertThat(proxy.bytesToTarget()).isPositive();
      assertThat(proxy.bytesToClient()).isPositive();
    }
  }
}
