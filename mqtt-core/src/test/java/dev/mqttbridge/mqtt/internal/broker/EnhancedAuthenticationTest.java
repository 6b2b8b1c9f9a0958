package dev.mqttbridge.mqtt.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.AuthenticationStep;
import dev.mqttbridge.mqtt.broker.Authenticator;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.EnhancedAuthenticator;
import dev.mqttbridge.mqtt.broker.OfflineQueuePolicy;
import dev.mqttbridge.mqtt.internal.packet.AuthPacket;
import dev.mqttbridge.mqtt.internal.packet.AuthProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnhancedAuthenticationTest {

  private static final String METHOD = "challenge-response";

  /** Accepts a client that answers the challenge "nonce" with "nonce-signed". */
  private static final EnhancedAuthenticator CHALLENGE = (client, method) -> {
    if (!method.equals(METHOD)) {
      return null;
    }
    return new EnhancedAuthenticator.Exchange() {
      private boolean challenged;

      @Override
      public AuthenticationStep next(byte[] data) {
        if (!challenged) {
          challenged = true;
          return AuthenticationStep.challenge(bytes("nonce"));
        }
        return Arrays.equals(data, bytes("nonce-signed"))
            ? AuthenticationStep.success(bytes("welcome")) : AuthenticationStep.failure();
      }
    };
  };

  private final CoreHarness harness = new CoreHarness(Authenticator.ALLOW_ALL,
      Authorizer.ALLOW_ALL, CHALLENGE, 10, OfflineQueuePolicy.DROP_NEWEST);

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void challengeAnswered_connackCarriesMethodAndFinalData() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connection = new FakeConnection();
    client.protocol = harness.core.open(client.connection, connect(METHOD));

    AuthPacket challenge = client.connection.next(AuthPacket.class);
    assertThat(challenge.reasonCode()).isEqualTo(MqttReasonCode.CONTINUE_AUTHENTICATION);
    assertThat(challenge.properties().authenticationData()).isEqualTo(bytes("nonce"));
    client.send(auth(MqttReasonCode.CONTINUE_AUTHENTICATION, "nonce-signed"));

    ConnackPacket connack = client.connection.next(ConnackPacket.class);
    assertThat(connack.reasonCode()).isEqualTo(MqttReasonCode.SUCCESS);
    assertThat(connack.properties().authenticationMethod()).isEqualTo(METHOD);
    assertThat(connack.properties().authenticationData()).isEqualTo(bytes("welcome"));
  }

  @Test
  void wrongAnswer_connackNotAuthorized() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connection = new FakeConnection();
    client.protocol = harness.core.open(client.connection, connect(METHOD));
    client.connection.next(AuthPacket.class);

    client.send(auth(MqttReasonCode.CONTINUE_AUTHENTICATION, "guess"));

    assertThat(client.connection.next(ConnackPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void unknownMethod_connackBadAuthenticationMethod() {
    ConnackPacket connack = harness.client("c1", MqttVersion.V5).connect(connect("kerberos"));

    assertThat(connack.reasonCode()).isEqualTo(MqttReasonCode.BAD_AUTHENTICATION_METHOD);
  }

  @Test
  void reauthentication_challengeAnsweredWithAuthSuccess_wrongAnswerDisconnects() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connection = new FakeConnection();
    client.protocol = harness.core.open(client.connection, connect(METHOD));
    client.connection.next(AuthPacket.class);
    client.send(auth(MqttReasonCode.CONTINUE_AUTHENTICATION, "nonce-signed"));
    client.connection.next(ConnackPacket.class);

    client.send(auth(MqttReasonCode.REAUTHENTICATE, "again"));
    assertThat(client.connection.next(AuthPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.CONTINUE_AUTHENTICATION);
    client.send(auth(MqttReasonCode.CONTINUE_AUTHENTICATION, "nonce-signed"));
    assertThat(client.connection.next(AuthPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.SUCCESS);

    client.send(auth(MqttReasonCode.REAUTHENTICATE, "again"));
    client.connection.next(AuthPacket.class);
    client.send(auth(MqttReasonCode.CONTINUE_AUTHENTICATION, "wrong"));
    assertThat(client.connection.next(DisconnectPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.NOT_AUTHORIZED);
  }

  @Test
  void authWithoutEnhancedAuthentication_protocolError() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect();

    client.send(auth(MqttReasonCode.REAUTHENTICATE, "x"));

    assertThat(client.connection.next(DisconnectPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.PROTOCOL_ERROR);
  }

  private static ConnectPacket connect(String method) {
    return new ConnectPacket(MqttVersion.V5, "c1", true, 60, null, null, null,
        new ConnectProperties(0, 65_535, 0, 0, false, true, List.of(), method, bytes("hello")));
  }

  private static AuthPacket auth(MqttReasonCode code, String data) {
    return new AuthPacket(code, new AuthProperties(METHOD, bytes(data), null, List.of()));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
