package dev.mqttbridge.mqtt.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.Authenticator;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.OfflineQueuePolicy;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectHandlingTest {

  private CoreHarness harness = new CoreHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void mqtt5EmptyClientId_assignedAndReturnedInConnack() {
    ConnackPacket connack = harness.client("", MqttVersion.V5).connect();

    assertThat(connack.reasonCode()).isEqualTo(MqttReasonCode.SUCCESS);
    assertThat(connack.properties().assignedClientIdentifier()).isNotBlank();
  }

  @Test
  void mqtt311EmptyClientIdWithCleanSession_accepted() {
    ConnackPacket connack = harness.client("", MqttVersion.V3_1_1).connect(true, 0, null);

    assertThat(connack.reasonCode()).isEqualTo(MqttReasonCode.SUCCESS);
  }

  @Test
  void mqtt311EmptyClientIdWithoutCleanSession_identifierRejected() {
    CoreHarness.TestClient client = harness.client("", MqttVersion.V3_1_1);

    ConnackPacket connack = client.connect(false, 0, null);

    assertThat(connack.reasonCode()).isEqualTo(MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
    assertThat(client.connection.closed).isTrue();
  }

  @Test
  void mqtt31ClientIdLongerThan23Characters_identifierRejected() {
    ConnackPacket connack =
        harness.client("abcdefghijklmnopqrstuvwx", MqttVersion.V3_1).connect();

    assertThat(connack.reasonCode()).isEqualTo(MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
  }

  @Test
  void mqtt31EmptyClientId_identifierRejected() {
    assertThat(harness.client("", MqttVersion.V3_1).connect().reasonCode())
        .isEqualTo(MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
  }

  @Test
  void persistentSession_reconnect_sessionPresent() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    assertThat(client.connect(false, 60, null).sessionPresent()).isFalse();
    client.disconnect();

    assertThat(client.connect(false, 60, null).sessionPresent()).isTrue();
    client.disconnect();
    assertThat(client.connect(true, 60, null).sessionPresent()).isFalse();
  }

  @Test
  void sessionExpiryZero_reconnect_noSessionPresent() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect(false, 0, null);
    client.disconnect();

    assertThat(client.connect(false, 0, null).sessionPresent()).isFalse();
  }

  @Test
  void sameClientIdConnectsAgain_olderMqtt5ConnectionGetsSessionTakenOver() {
    CoreHarness.TestClient first = harness.client("c1", MqttVersion.V5);
    first.connect();
    FakeConnection older = first.connection;

    harness.client("c1", MqttVersion.V5).connect();

    assertThat(older.next(DisconnectPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.SESSION_TAKEN_OVER);
    assertThat(older.closed).isTrue();
  }

  @Test
  void sameClientIdConnectsAgain_olderMqtt311ConnectionClosed() {
    CoreHarness.TestClient first = harness.client("c1", MqttVersion.V3_1_1);
    first.connect();

    harness.client("c1", MqttVersion.V3_1_1).connect();

    first.connection.assertNothingMore();
    assertThat(first.connection.closed).isTrue();
  }

  @Test
  void badPassword_mqtt5RefusedWith0x86AndMqtt311WithBadUserNameCode() {
    harness.close();
    harness = new CoreHarness(Authenticator.passwords(Map.of("alice", "secret"), false),
        Authorizer.ALLOW_ALL, null, 10, OfflineQueuePolicy.DROP_NEWEST);

    for (MqttVersion version : List.of(MqttVersion.V5, MqttVersion.V3_1_1)) {
      ConnackPacket wrong = harness.client("c-" + version, version).connect(new ConnectPacket(
          version, "c-" + version, true, 60, "alice", "nope".getBytes(StandardCharsets.UTF_8),
          null, ConnectProperties.DEFAULTS));
      ConnackPacket anonymous = harness.client("a-" + version, version).connect();
      ConnackPacket right = harness.client("r-" + version, version).connect(new ConnectPacket(
          version, "r-" + version, true, 60, "alice", "secret".getBytes(StandardCharsets.UTF_8),
          null, ConnectProperties.DEFAULTS));

      assertThat(wrong.reasonCode()).isEqualTo(MqttReasonCode.BAD_USER_NAME_OR_PASSWORD);
      assertThat(anonymous.reasonCode()).isEqualTo(MqttReasonCode.BAD_USER_NAME_OR_PASSWORD);
      assertThat(right.reasonCode()).isEqualTo(MqttReasonCode.SUCCESS);
    }
  }

  @Test
  void keepAliveAboveMaximum_mqtt5ToldServerKeepAlive() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);

    ConnackPacket connack = client.connect(new ConnectPacket(MqttVersion.V5, "c1", true, 600,
        null, null, null, ConnectProperties.DEFAULTS));

    assertThat(connack.properties().serverKeepAlive()).isEqualTo(120);
    assertThat(client.connection.keepAlive).isEqualTo(120);
  }

  @Test
  void keepAliveAboveMaximum_mqtt311Refused() {
    ConnackPacket connack = harness.client("c1", MqttVersion.V3_1_1).connect(new ConnectPacket(
        MqttVersion.V3_1_1, "c1", true, 600, null, null, null, ConnectProperties.DEFAULTS));

    assertThat(connack.reasonCode()).isEqualTo(MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
  }

  @Test
  void requestResponseInformation_answeredWithPrefixAndClientId() {
    ConnackPacket connack = harness.client("c1", MqttVersion.V5).connect();

    assertThat(connack.properties().responseInformation()).isEqualTo("response/c1");
  }

  @Test
  void pingreq_answeredWithPingresp() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V3_1_1);
    client.connect();

    client.send(PingreqPacket.INSTANCE);

    assertThat(client.connection.next()).isEqualTo(PingrespPacket.INSTANCE);
  }

  @Test
  void secondConnect_mqtt5ProtocolError() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect();

    client.send(new ConnectPacket(MqttVersion.V5, "c1", true, 60, null, null, null,
        ConnectProperties.DEFAULTS));

    assertThat(client.connection.next(DisconnectPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.PROTOCOL_ERROR);
  }

  @Test
  void disconnectSettingExpiryAfterConnectWithZero_protocolError() {
    CoreHarness.TestClient client = harness.client("c1", MqttVersion.V5);
    client.connect(true, 0, null);

    client.send(new DisconnectPacket(MqttReasonCode.SUCCESS,
        new dev.mqttbridge.mqtt.internal.packet.DisconnectProperties(30, null, List.of(), null)));

    assertThat(client.connection.next(DisconnectPacket.class).reasonCode())
        .isEqualTo(MqttReasonCode.PROTOCOL_ERROR);
  }
}
