package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.client.MqttClientException;
import dev.mqttbridge.mqtt.client.MqttEnhancedAuthenticator;
import dev.mqttbridge.mqtt.internal.packet.AuthPacket;
import dev.mqttbridge.mqtt.internal.packet.AuthProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectProperties;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 5 enhanced authentication on one connection: answers the server's AUTH challenges before
 * and after CONNACK, and runs a re-authentication when the application asks. Sits in front of the
 * connect handler, which accepts nothing but CONNACK before it is connected. Connection-scoped.
 */
final class EnhancedAuthHandler extends ChannelInboundHandlerAdapter {

  static final String NAME = "enhanced-auth";

  private static final Logger LOG = LoggerFactory.getLogger(EnhancedAuthHandler.class);

  private final MqttEnhancedAuthenticator authenticator;
  private final Callbacks callbacks;
  private ChannelHandlerContext ctx;
  /** The application's re-authentication in progress, or null. */
  private CompletableFuture<Void> reauthentication;

  EnhancedAuthHandler(MqttEnhancedAuthenticator authenticator, Callbacks callbacks) {
    this.authenticator = authenticator;
    this.callbacks = callbacks;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Event loop: starts a re-authentication (AUTH 0x19 with the initial data). */
  void reauthenticate(CompletableFuture<Void> future) {
    if (reauthentication != null) {
      callbacks.fail(future, new IllegalStateException("A re-authentication is in progress"));
      return;
    }
    reauthentication = future;
    ctx.writeAndFlush(auth(MqttReasonCode.REAUTHENTICATE, authenticator.initialData()));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof AuthPacket auth) {
      onAuth(ctx, auth);
      return;
    }
    if (msg instanceof ConnackPacket connack && !connack.reasonCode().isError()) {
      if (!complete(ctx, connack.properties().authenticationData())) {
        return;
      }
    }
    if (msg instanceof DisconnectPacket && reauthentication != null) {
      // The connect handler reports the reason; the re-authentication simply did not succeed.
      callbacks.fail(reauthentication, new MqttClientException("Re-authentication refused",
          ((DisconnectPacket) msg).reasonCode(), null));
      reauthentication = null;
    }
    ctx.fireChannelRead(msg);
  }

  private void onAuth(ChannelHandlerContext ctx, AuthPacket auth) {
    String method = auth.properties().authenticationMethod();
    if (method != null && !method.equals(authenticator.method())) {
      abandon(ctx, "Server answered with authentication method " + method);
      return;
    }
    if (auth.reasonCode() == MqttReasonCode.CONTINUE_AUTHENTICATION) {
      byte[] answer;
      try {
        answer = authenticator.challenge(auth.properties().authenticationData());
      } catch (RuntimeException e) {
        abandon(ctx, "Authenticator rejected the server's challenge: " + e.getMessage());
        return;
      }
      ctx.writeAndFlush(auth(MqttReasonCode.CONTINUE_AUTHENTICATION, answer));
    } else if (auth.reasonCode() == MqttReasonCode.SUCCESS) {
      if (complete(ctx, auth.properties().authenticationData()) && reauthentication != null) {
        callbacks.complete(reauthentication, null);
        reauthentication = null;
      }
    } else {
      abandon(ctx, "Unexpected AUTH " + auth.reasonCode());
    }
  }

  private boolean complete(ChannelHandlerContext ctx, byte[] serverData) {
    try {
      authenticator.completed(serverData);
      return true;
    } catch (RuntimeException e) {
      abandon(ctx, "Authenticator rejected the server's final data: " + e.getMessage());
      return false;
    }
  }

  private void abandon(ChannelHandlerContext ctx, String why) {
    LOG.warn("Enhanced authentication ({}) abandoned: {}", authenticator.method(), why);
    if (reauthentication != null) {
      callbacks.fail(reauthentication, new MqttClientException(why, MqttReasonCode.NOT_AUTHORIZED, null));
      reauthentication = null;
    }
    ctx.writeAndFlush(new DisconnectPacket(MqttReasonCode.NOT_AUTHORIZED, DisconnectProperties.NONE))
        .addListener(f -> ctx.close());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (reauthentication != null) {
      callbacks.fail(reauthentication, new MqttClientException("Connection closed during re-authentication",
          null, null));
      reauthentication = null;
    }
    ctx.fireChannelInactive();
  }

  private AuthPacket auth(MqttReasonCode code, byte[] data) {
    return new AuthPacket(code, new AuthProperties(authenticator.method(), data, null, List.of()));
  }
}
