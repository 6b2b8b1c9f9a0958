package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.AuthenticationStep;
import dev.mqttbridge.mqtt.broker.EnhancedAuthenticator;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MQTT 5 enhanced authentication against our embedded broker's {@link EnhancedAuthenticator}: a
 * challenge / response where the client must answer the server's nonce with {@code nonce + "-signed"}.
 */
class MqttClientEnhancedAuthIT {

  private static final String METHOD = "TEST-CHALLENGE";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final AtomicInteger exchangesStarted = new AtomicInteger();
  private static MqttBroker broker;

  @BeforeAll
  static void startBroker() {
    EnhancedAuthenticator challengeResponse = (client, method) -> {
      if (!method.equals(METHOD)) {
        return null;
      }
      int exchange = exchangesStarted.incrementAndGet();
      String nonce = "nonce-" + exchange;
      AtomicInteger step = new AtomicInteger();
      return data -> {
        if (step.getAndIncrement() == 0) {
          return "hello".equals(text(data)) ? AuthenticationStep.challenge(bytes(nonce))
              : AuthenticationStep.failure();
        }
        return (nonce + "-signed").equals(text(data)) ? AuthenticationStep.success(bytes("welcome"))
            : AuthenticationStep.failure();
      };
    };
    broker = MqttBroker.builder().host("127.0.0.1").port(0).enhancedAuthenticator(challengeResponse).build()
        .start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] data) {
    return data == null ? null : new String(data, StandardCharsets.UTF_8);
  }

  /** Signs whatever the server sends; remembers the server's final data. */
  private static final class Signer implements MqttEnhancedAuthenticator {
    private final String method;
    private final String suffix;
    final List<String> completions = new CopyOnWriteArrayList<>();

    Signer(String method, String suffix) {
      this.method = method;
      this.suffix = suffix;
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public byte[] initialData() {
      return bytes("hello");
    }

    @Override
    public byte[] challenge(byte[] serverData) {
      return bytes(text(serverData) + suffix);
    }

    @Override
    public void completed(byte[] serverData) {
      completions.add(text(serverData));
    }
  }

  private static MqttClient client(MqttEnhancedAuthenticator authenticator) {
    return MqttClient.builder().serverUri("tcp://127.0.0.1:" + broker.port()).version(MqttVersion.V5)
        .enhancedAuthenticator(authenticator).connectTimeout(WAIT)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
  }

  private static MqttConnectException refusal(MqttClient client) {
    Throwable error = org.assertj.core.api.Assertions.catchThrowable(
        () -> client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
    assertThat(error).isInstanceOf(CompletionException.class).cause().isInstanceOf(MqttConnectException.class);
    return (MqttConnectException) error.getCause();
  }

  @Test
  void connect_challengeAnswered_connectsAndSeesTheServersFinalData() {
    Signer signer = new Signer(METHOD, "-signed");
    try (MqttClient client = client(signer)) {
      assertThat(client.connect().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join().reasonCode())
          .isEqualTo(MqttReasonCode.SUCCESS);
      assertThat(signer.completions).containsExactly("welcome");
    }
  }

  @Test
  void connect_wrongAnswer_refusedNotAuthorized() {
    try (MqttClient client = client(new Signer(METHOD, "-forged"))) {
      assertThat(refusal(client).reasonCode()).contains(MqttReasonCode.NOT_AUTHORIZED);
    }
  }

  @Test
  void connect_methodTheServerDoesNotKnow_refusedBadAuthenticationMethod() {
    try (MqttClient client = client(new Signer("UNKNOWN", "-signed"))) {
      assertThat(refusal(client).reasonCode()).contains(MqttReasonCode.BAD_AUTHENTICATION_METHOD);
    }
  }

  @Test
  void reauthenticate_newChallengeAnswered_completesAndStaysConnected() {
    Signer signer = new Signer(METHOD, "-signed");
    try (MqttClient client = client(signer)) {
      client.connect().join();
      int before = exchangesStarted.get();

      client.reauthenticate().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();

      assertThat(exchangesStarted.get()).isEqualTo(before + 1);
      assertThat(signer.completions).containsExactly("welcome", "welcome");
      assertThat(client.isConnected()).isTrue();
    }
  }

  @Test
  void reauthenticate_notConnected_fails() {
    try (MqttClient client = client(new Signer(METHOD, "-signed"))) {
      assertThatThrownBy(() -> client.reauthenticate().join()).hasCauseInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void build_enhancedAuthWithMqtt311_refused() {
    assertThatThrownBy(() -> MqttClient.builder().version(MqttVersion.V3_1_1)
        .enhancedAuthenticator(new Signer(METHOD, "")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MQTT 5");
  }
}
