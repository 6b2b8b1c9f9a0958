package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClientException;
import dev.mqttbridge.mqtt.client.MqttConnectException;
import dev.mqttbridge.mqtt.internal.codec.MqttDecodeException;
import dev.mqttbridge.mqtt.internal.codec.MqttEncoderHandler;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's life: sends CONNECT when the channel opens, waits for CONNACK (with a timeout),
 * announces the {@link ConnectionSettings} to the pipeline, handles the server's DISCONNECT and
 * protocol errors, and reports the close with its cause.
 *
 * <p>Connection-scoped: a new instance per connection; event loop only.
 */
final class ConnectHandler extends ChannelDuplexHandler {

  static final String NAME = "connect";

  private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

  private final ConnectPacket connect;
  private final Duration timeout;
  private final ConnectionListener listener;
  private ScheduledFuture<?> timer;
  private boolean connected;
  private Throwable failure;
  private MqttReasonCode serverReason;

  ConnectHandler(ConnectPacket connect, Duration timeout, ConnectionListener listener) {
    this.connect = connect;
    this.timeout = timeout;
    this.listener = listener;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    LOG.debug("Connected to {}; sending {}", ctx.channel().remoteAddress(), connect);
    ctx.writeAndFlush(connect);
    timer = ctx.executor().schedule(() -> {
      failure = new MqttConnectException("No CONNACK within " + timeout.toMillis() + " ms", null,
          null);
      ctx.close();
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!connected) {
      if (msg instanceof ConnackPacket connack) {
        onConnack(ctx, connack);
      } else {
        // [MQTT-3.2.0-1]: the first packet from the server must be CONNACK.
        protocolError(ctx, "Expected CONNACK, got " + msg.getClass().getSimpleName());
      }
    } else if (msg instanceof DisconnectPacket disconnect) {
      serverReason = disconnect.reasonCode();
      String reasonString = disconnect.properties().reasonString();
      LOG.info("Server sent DISCONNECT {}{}", disconnect.reasonCode(),
          reasonString == null ? "" : ": " + reasonString);
      failure = new MqttClientException("Server disconnected: " + disconnect.reasonCode()
          + (reasonString == null ? "" : " (" + reasonString + ")"), disconnect.reasonCode(), null);
      ctx.close();
    } else if (msg instanceof ConnackPacket) {
      protocolError(ctx, "Second CONNACK");
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void onConnack(ChannelHandlerContext ctx, ConnackPacket connack) {
    cancelTimer();
    if (connack.reasonCode().isError()) {
      failure = refused(connack);
      ctx.close();
      return;
    }
    connected = true;
    long serverMaximumPacketSize = connack.properties().maximumPacketSize();
    MqttEncoderHandler encoder = ctx.pipeline().get(MqttEncoderHandler.class);
    if (serverMaximumPacketSize > 0 && encoder != null) {
      encoder.maximumPacketSize(serverMaximumPacketSize);
    }
    boolean mqtt5 = connect.version().isMqtt5();
    ConnectionSettings settings =
        ConnectionSettings.of(connack, connect.clientId(), connect.keepAlive(), mqtt5);
    LOG.debug("CONNACK: session present={}, client id={}", connack.sessionPresent(),
        settings.clientId());
    ctx.pipeline().fireUserEventTriggered(settings);
    listener.connected(ctx.channel(), settings);
  }

  private MqttConnectException refused(ConnackPacket connack) {
    MqttReasonCode code = connack.reasonCode();
    StringBuilder text = new StringBuilder("Connection refused: ").append(code);
    if (code == MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID) {
      text.append(": the server rejected client id '").append(connect.clientId()).append("' (")
          .append(connect.clientId().length()).append(" characters");
      if (connect.clientId().length() > 23) {
        text.append("; servers need only accept 1 to 23 [MQTT-3.1.3-5]");
      }
      text.append(')');
    } else if (code == MqttReasonCode.BAD_USER_NAME_OR_PASSWORD) {
      text.append(": bad user name or password");
    } else if (code == MqttReasonCode.NOT_AUTHORIZED) {
      text.append(": not authorized");
    } else if (code == MqttReasonCode.UNSUPPORTED_PROTOCOL_VERSION) {
      text.append(": the server does not speak MQTT ").append(connect.version());
    }
    String reasonString = connack.properties().reasonString();
    if (reasonString != null) {
      text.append(" (").append(reasonString).append(')');
    }
    return new MqttConnectException(text.toString(), code, null);
  }

  private void protocolError(ChannelHandlerContext ctx, String what) {
    LOG.warn("Protocol error from server: {}", what);
    failure = new MqttClientException("Protocol error: " + what, MqttReasonCode.PROTOCOL_ERROR,
        null);
    closeWith(ctx, MqttReasonCode.PROTOCOL_ERROR);
  }

  private void closeWith(ChannelHandlerContext ctx, MqttReasonCode code) {
    if (connect.version() == MqttVersion.V5 && connected && ctx.channel().isActive()) {
      ctx.writeAndFlush(DisconnectPacket.of(code)).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failure != null) {
      LOG.debug("Further error after {}", failure.toString(), cause);
      return;
    }
    if (cause instanceof MqttDecodeException decode) {
      LOG.warn("Malformed packet from server: {}", decode.getMessage());
      failure = new MqttClientException("Malformed packet from server: " + decode.getMessage(),
          decode.reasonCode(), decode);
      closeWith(ctx, decode.reasonCode());
    } else {
      LOG.debug("Connection error", cause);
      failure = cause;
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelTimer();
    ctx.fireChannelInactive();
    Throwable cause = failure;
    if (cause == null && !connected) {
      cause = new MqttConnectException("Connection closed before CONNACK", null, null);
    }
    listener.closed(ctx.channel(), cause, serverReason, connected);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
