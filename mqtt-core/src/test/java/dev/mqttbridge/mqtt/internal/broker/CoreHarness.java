package dev.mqttbridge.mqtt.internal.broker;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.Authenticator;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.EnhancedAuthenticator;
import dev.mqttbridge.mqtt.broker.OfflineQueuePolicy;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.WillMessage;
import java.time.Duration;
import java.util.List;

/** A broker core without a transport, a hand-moved clock, and scripted clients. */
final class CoreHarness implements AutoCloseable {

  final MutableClock clock = new MutableClock();
  final BrokerCore core;

  CoreHarness() {
    this(Authenticator.ALLOW_ALL, Authorizer.ALLOW_ALL, null, 100, OfflineQueuePolicy.DROP_NEWEST);
  }

  CoreHarness(Authenticator authenticator, Authorizer authorizer,
      EnhancedAuthenticator enhanced, int maxQueued, OfflineQueuePolicy policy) {
    core = new BrokerCore(new BrokerSettings(120, 1 << 20, 10, 8, maxQueued, policy,
        authenticator, authorizer, enhanced, "response/", clock), "test", false);
  }

  /** Moves the clock and fires due timers. */
  void advance(Duration duration) {
    clock.advance(duration);
    core.deadlines().tick();
  }

  TestClient client(String clientId, MqttVersion version) {
    return new TestClient(clientId, version);
  }

  @Override
  public void close() {
    core.close();
  }

  /** One scripted client connection. */
  final class TestClient {
    final String clientId;
    final MqttVersion version;
    FakeConnection connection;
    ClientProtocol protocol;
    private int nextPacketId = 1;

    TestClient(String clientId, MqttVersion version) {
      this.clientId = clientId;
      this.version = version;
    }

    ConnackPacket connect(boolean cleanStart, long sessionExpiry, WillMessage will) {
      return connect(new ConnectPacket(version, clientId, cleanStart, 60, null, null, will,
          version == MqttVersion.V5 ? new ConnectProperties(sessionExpiry, 65_535, 0, 0, true,
              true, List.of(), null, null) : ConnectProperties.DEFAULTS));
    }

    ConnackPacket connect() {
      return connect(true, 0, null);
    }

    ConnackPacket connect(ConnectPacket connect) {
      connection = new FakeConnection();
      protocol = core.open(connection, connect);
      return connection.next(ConnackPacket.class);
    }

    void send(MqttPacket packet) {
      protocol.received(packet);
    }

    SubackPacket subscribe(MqttSubscription... subscriptions) {
      return subscribe(0, subscriptions);
    }

    SubackPacket subscribe(int subscriptionId, MqttSubscription... subscriptions) {
      send(new SubscribePacket(nextPacketId++, List.of(subscriptions), subscriptionId,
          List.of()));
      return connection.next(SubackPacket.class);
    }

    void publish(String topic, String payload, MqttQos qos, boolean retain) {
      MqttMessage message = MqttMessage.builder(topic).payload(payload).qos(qos).retain(retain)
          .build();
      send(PublishPacket.of(message, qos == MqttQos.AT_MOST_ONCE ? 0 : nextPacketId++));
    }

    PublishPacket nextPublish() {
      return connection.next(PublishPacket.class);
    }

    void disconnect() {
      send(DisconnectPacket.NORMAL);
      awaitDetached();
    }

    /** The network connection drops without DISCONNECT; returns once the session noticed. */
    void drop() {
      protocol.connectionClosed();
      awaitDetached();
    }

    /** Waits until the session thread has detached this client's connection. */
    void awaitDetached() {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (true) {
        dev.mqttbridge.mqtt.internal.broker.session.Session session =
            core.sessions().get(clientId);
        if (session == null || !session.isConnected()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(clientId + " still attached after 5 s");
        }
        Thread.onSpinWait();
      }
    }
  }
}
