package dev.mqttbridge.mqtt.internal.broker;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.broker.AuthenticationStep;
import dev.mqttbridge.mqtt.broker.ClientIdentity;
import dev.mqttbridge.mqtt.broker.EnhancedAuthenticator;
import dev.mqttbridge.mqtt.internal.broker.session.Session;
import dev.mqttbridge.mqtt.internal.broker.session.SessionOwner;
import dev.mqttbridge.mqtt.internal.packet.AuthPacket;
import dev.mqttbridge.mqtt.internal.packet.AuthProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.WillMessage;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's protocol state machine: CONNECT (with enhanced authentication), then packets
 * dispatched to the session. The transport calls the public methods from its own thread; each
 * hands over to the client's session thread, where all the state here is touched.
 */
public final class ClientProtocol implements SessionOwner {

  private static final Logger LOG = LoggerFactory.getLogger(ClientProtocol.class);

  private enum State { CONNECTING, AUTHENTICATING, CONNECTED, CLOSED }

  private final BrokerCore core;
  private final ClientConnection connection;
  private final Executor loop;
  private final String clientId;
  private final boolean assignedClientId;

  private State state = State.CONNECTING;
  private MqttVersion version = MqttVersion.V3_1_1;
  private ClientIdentity identity;
  private Session session;
  private WillMessage will;
  private ConnectPacket pendingConnect;
  private EnhancedAuthenticator.Exchange exchange;
  /** The enhanced authentication method the connection authenticated with, or {@code null}. */
  private String authenticationMethod;
  private IncomingPublishes publishes;
  private SubscriptionRequests subscriptions;

  ClientProtocol(
      BrokerCore core, ClientConnection connection, Executor loop, String clientId,
      boolean assignedClientId) {
    this.core = core;
    this.connection = connection;
    this.loop = loop;
    this.clientId = clientId;
    this.assignedClientId = assignedClientId;
  }

  /** A packet arrived (in order). */
  public void received(MqttPacket packet) {
    run(() -> handle(packet));
  }

  /**
   * Packets that arrived together (in order), handled in one go on the session thread: one
   * hand-over per read rather than per packet. {@code afterEach} runs there after each packet.
   */
  public void received(List<MqttPacket> packets, Runnable afterEach) {
    run(() -> {
      for (MqttPacket packet : packets) {
        try {
          handle(packet);
        } finally {
          afterEach.run();
        }
      }
    });
  }

  /** The network connection closed. */
  public void connectionClosed() {
    run(this::lost);
  }

  /**
   * The decoder refused a packet after CONNECT: MQTT 5 gets DISCONNECT with the reason code, 3.x a
   * plain close (section 4.13).
   */
  public void malformed(MqttReasonCode reasonCode) {
    run(() -> closeWith(reasonCode));
  }

  /** Nothing arrived for 1.5 times the keep alive [MQTT-3.1.2-24]. */
  public void keepAliveExpired() {
    run(() -> {
      LOG.debug("Client {} keep alive expired", clientId);
      closeWith(MqttReasonCode.KEEP_ALIVE_TIMEOUT);
    });
  }

  private void run(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException stopping) {
      connection.close();
    }
  }

  private void handle(MqttPacket packet) {
    try {
      switch (state) {
        case CONNECTING -> connect((ConnectPacket) packet);
        case AUTHENTICATING -> authenticating(packet);
        case CONNECTED -> connected(packet);
        case CLOSED -> { }
      }
    } catch (RuntimeException e) {
      LOG.warn("Closing the connection of {}: failed to handle {}", clientId, packet.type(), e);
      closeWith(MqttReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    }
  }

  private void connected(MqttPacket packet) {
    if (packet instanceof PublishPacket publish) {
      publishes.publish(publish);
    } else if (packet instanceof PubackPacket puback) {
      session.completed(puback.packetId());
    } else if (packet instanceof PubrecPacket pubrec) {
      session.received(pubrec.packetId(), pubrec.reasonCode().isError());
    } else if (packet instanceof PubrelPacket pubrel) {
      publishes.release(pubrel);
    } else if (packet instanceof PubcompPacket pubcomp) {
      session.completed(pubcomp.packetId());
    } else if (packet instanceof SubscribePacket subscribe) {
      subscriptions.subscribe(subscribe);
    } else if (packet instanceof UnsubscribePacket unsubscribe) {
      subscriptions.unsubscribe(unsubscribe);
    } else if (packet instanceof PingreqPacket) {
      connection.send(PingrespPacket.INSTANCE);
    } else if (packet instanceof DisconnectPacket disconnect) {
      disconnect(disconnect);
    } else if (packet instanceof AuthPacket auth && authenticationMethod != null) {
      reauthenticate(auth);
    } else {
      // A second CONNECT [MQTT-3.1.0-2], AUTH without a method we run, or a server-only packet.
      closeWith(MqttReasonCode.PROTOCOL_ERROR);
    }
  }

  private void connect(ConnectPacket connect) {
    version = connect.version();
    identity = new ClientIdentity(clientId, connect.username(),
        connection.certificateSubject());
    BrokerSettings settings = core.settings();
    if (clientId.isEmpty()
        || (version == MqttVersion.V3_1 && clientId.length() > 23)) {
      // 3.1: 1 to 23 characters; 3.1.1: empty only with clean session [MQTT-3.1.3-8].
      refuse(MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
      return;
    }
    if (version != MqttVersion.V5 && exceedsMaxKeepAlive(connect.keepAlive())) {
      // 3.x has no Server Keep Alive to shorten it with; refused as Mosquitto does.
      refuse(MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
      return;
    }
    String method = connect.properties().authenticationMethod();
    if (version == MqttVersion.V5 && method != null) {
      EnhancedAuthenticator authenticator = settings.enhancedAuthenticator();
      exchange = authenticator == null ? null : authenticator.start(identity, method);
      if (exchange == null) {
        refuse(MqttReasonCode.BAD_AUTHENTICATION_METHOD);
        return;
      }
      pendingConnect = connect;
      state = State.AUTHENTICATING;
      step(exchange.next(connect.properties().authenticationData()));
      return;
    }
    if (!settings.authenticator().authenticate(identity, connect.password())) {
      refuse(MqttReasonCode.BAD_USER_NAME_OR_PASSWORD);
      return;
    }
    accept(connect, null);
  }

  private void authenticating(MqttPacket packet) {
    if (packet instanceof AuthPacket auth
        && auth.reasonCode() == MqttReasonCode.CONTINUE_AUTHENTICATION
        && pendingConnect.properties().authenticationMethod()
            .equals(auth.properties().authenticationMethod())) {
      step(exchange.next(auth.properties().authenticationData()));
    } else if (packet instanceof DisconnectPacket) {
      close();
    } else {
      refuse(MqttReasonCode.PROTOCOL_ERROR);
    }
  }

  private void step(AuthenticationStep step) {
    String method = pendingConnect.properties().authenticationMethod();
    switch (step.outcome()) {
      case SUCCESS -> accept(pendingConnect, step);
      case CONTINUE -> connection.send(new AuthPacket(MqttReasonCode.CONTINUE_AUTHENTICATION,
          new AuthProperties(method, step.data(), null, List.of())));
      case FAILURE -> refuse(MqttReasonCode.NOT_AUTHORIZED);
    }
  }

  /** Re-authentication (section 4.12.1): the client starts it with AUTH {@code 0x19}. */
  private void reauthenticate(AuthPacket auth) {
    if (!authenticationMethod.equals(auth.properties().authenticationMethod())) {
      closeWith(MqttReasonCode.PROTOCOL_ERROR); // the method cannot change [MQTT-4.12.1-1]
      return;
    }
    if (auth.reasonCode() == MqttReasonCode.REAUTHENTICATE) {
      exchange = core.settings().enhancedAuthenticator().start(identity, authenticationMethod);
    } else if (auth.reasonCode() != MqttReasonCode.CONTINUE_AUTHENTICATION || exchange == null) {
      closeWith(MqttReasonCode.PROTOCOL_ERROR);
      return;
    }
    AuthenticationStep step = exchange == null
        ? AuthenticationStep.failure() : exchange.next(auth.properties().authenticationData());
    switch (step.outcome()) {
      case SUCCESS -> {
        exchange = null;
        connection.send(new AuthPacket(MqttReasonCode.SUCCESS,
            new AuthProperties(authenticationMethod, step.data(), null, List.of())));
      }
      case CONTINUE -> connection.send(new AuthPacket(MqttReasonCode.CONTINUE_AUTHENTICATION,
          new AuthProperties(authenticationMethod, step.data(), null, List.of())));
      case FAILURE -> closeWith(MqttReasonCode.NOT_AUTHORIZED);
    }
  }

  private void accept(ConnectPacket connect, AuthenticationStep authentication) {
    BrokerSettings settings = core.settings();
    will = connect.will();
    if (will != null && !settings.authorizer().mayPublish(identity, will.message().topic())) {
      refuse(MqttReasonCode.NOT_AUTHORIZED);
      return;
    }
    int keepAlive = connect.keepAlive();
    int serverKeepAlive = -1;
    if (version == MqttVersion.V5 && exceedsMaxKeepAlive(keepAlive)) {
      keepAlive = settings.maxKeepAlive();
      serverKeepAlive = keepAlive; // [MQTT-3.2.2-21]
    }
    if (authentication != null) {
      authenticationMethod = connect.properties().authenticationMethod();
      exchange = null;
      pendingConnect = null;
    }
    SessionLifecycle.Opened opened = core.lifecycle().open(clientId, connect.cleanStart());
    session = opened.session();
    session.expiryInterval(version == MqttVersion.V5
        ? connect.properties().sessionExpiryInterval()
        : connect.cleanStart() ? 0 : Session.NEVER_EXPIRES);
    int clientReceiveMaximum = version == MqttVersion.V5
        ? connect.properties().receiveMaximum() : settings.receiveMaximum();
    session.attach(connection, clientReceiveMaximum,
        version == MqttVersion.V5 ? connect.properties().topicAliasMaximum() : 0, this);
    publishes = new IncomingPublishes(core, this);
    subscriptions = new SubscriptionRequests(core, this);
    state = State.CONNECTED;
    core.counters().connectedClients(1);
    ConnackProperties properties = ConnackProperties.DEFAULTS;
    if (version == MqttVersion.V5) {
      String responseInformation =
          connect.properties().requestResponseInformation() && settings.responseInformation() != null
              ? settings.responseInformation() + clientId : null;
      properties = new ConnackProperties(-1, settings.receiveMaximum(),
          ConnackProperties.DEFAULTS.maximumQos(), true, settings.maximumPacketSize(),
          assignedClientId ? clientId : null, settings.topicAliasMaximum(), null, List.of(), true,
          true, true, serverKeepAlive, responseInformation, null,
          authentication == null ? null : connect.properties().authenticationMethod(),
          authentication == null ? null : authentication.data());
    }
    connection.connected(version, keepAlive,
        version == MqttVersion.V5 ? connect.properties().maximumPacketSize() : 0);
    // Session Present only when a session was resumed [MQTT-3.2.2-2, MQTT-3.2.2-3].
    connection.send(new ConnackPacket(opened.present(), MqttReasonCode.SUCCESS, properties));
    LOG.debug("Client {} connected from {} ({}, session present: {})", clientId,
        connection.remoteAddress(), version, opened.present());
    session.resume();
  }

  private boolean exceedsMaxKeepAlive(int keepAlive) {
    int max = core.settings().maxKeepAlive();
    return max < 65_535 && (keepAlive == 0 || keepAlive > max);
  }

  private void disconnect(DisconnectPacket disconnect) {
    long requestedExpiry = disconnect.properties().sessionExpiryInterval();
    if (version == MqttVersion.V5 && requestedExpiry >= 0) {
      if (session.expiryInterval() == 0 && requestedExpiry != 0) {
        closeWith(MqttReasonCode.PROTOCOL_ERROR); // [MQTT-3.14.2-2]
        return;
      }
      session.expiryInterval(requestedExpiry);
    }
    if (disconnect.reasonCode() == MqttReasonCode.SUCCESS) {
      // Only a normal disconnection discards the will [MQTT-3.14.4-3]; 0x04 and error reasons
      // leave it to be published (section 3.1.2.5).
      will = null;
    }
    connection.close();
    lost();
  }

  @Override
  public void takeOver() {
    if (state != State.CONNECTED) {
      return;
    }
    if (version == MqttVersion.V5) {
      connection.sendAndClose(DisconnectPacket.of(MqttReasonCode.SESSION_TAKEN_OVER));
    } else {
      connection.close();
    }
    lost();
  }

  /** The connection is gone or going: the session carries on without it. */
  private void lost() {
    if (state == State.CONNECTED) {
      state = State.CLOSED;
      core.counters().connectedClients(-1);
      core.lifecycle().disconnected(session, this, will);
    }
    state = State.CLOSED;
  }

  /** Closes after a protocol violation: DISCONNECT with the reason in MQTT 5, or CONNACK. */
  void closeWith(MqttReasonCode reasonCode) {
    if (state == State.CONNECTING || state == State.AUTHENTICATING) {
      refuse(reasonCode);
      return;
    }
    if (state == State.CONNECTED && version == MqttVersion.V5) {
      connection.sendAndClose(DisconnectPacket.of(reasonCode));
    } else {
      connection.close();
    }
    lost();
  }

  private void refuse(MqttReasonCode reasonCode) {
    state = State.CLOSED;
    LOG.debug("Refused CONNECT of {} from {}: {}", clientId, connection.remoteAddress(),
        reasonCode);
    if (version == MqttVersion.V5 || isV3ConnackCode(reasonCode)) {
      MqttReasonCode code = isConnackCode(reasonCode) ? reasonCode
          : MqttReasonCode.UNSPECIFIED_ERROR;
      connection.sendAndClose(
          new ConnackPacket(false, code, ConnackProperties.DEFAULTS)); // [MQTT-3.2.2-6]
    } else {
      connection.close();
    }
  }

  private void close() {
    connection.close();
    lost();
  }

  /** The reason codes MQTT 5 allows in CONNACK (section 3.2.2.2). */
  static boolean isConnackCode(MqttReasonCode code) {
    return switch (code) {
      case KEEP_ALIVE_TIMEOUT, SESSION_TAKEN_OVER, TOPIC_FILTER_INVALID, PACKET_IDENTIFIER_IN_USE,
          PACKET_IDENTIFIER_NOT_FOUND, RECEIVE_MAXIMUM_EXCEEDED, TOPIC_ALIAS_INVALID,
          MESSAGE_RATE_TOO_HIGH, ADMINISTRATIVE_ACTION, SERVER_SHUTTING_DOWN,
          SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, MAXIMUM_CONNECT_TIME,
          SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED,
          DISCONNECT_WITH_WILL_MESSAGE, NO_MATCHING_SUBSCRIBERS, NO_SUBSCRIPTION_EXISTED,
          CONTINUE_AUTHENTICATION, REAUTHENTICATE, GRANTED_QOS_1, GRANTED_QOS_2 -> false;
      default -> true;
    };
  }

  static boolean isV3ConnackCode(MqttReasonCode code) {
    return switch (code) {
      case UNSUPPORTED_PROTOCOL_VERSION, CLIENT_IDENTIFIER_NOT_VALID, SERVER_UNAVAILABLE,
          BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED -> true;
      default -> false;
    };
  }

  MqttVersion version() {
    return version;
  }

  ClientIdentity identity() {
    return identity;
  }

  Session session() {
    return session;
  }

  ClientConnection connection() {
    return connection;
  }
}
