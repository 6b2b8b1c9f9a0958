package dev.mqttbridge.mqtt.internal.broker.netty;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.broker.BrokerCore;
import dev.mqttbridge.mqtt.internal.broker.ClientProtocol;
import dev.mqttbridge.mqtt.internal.codec.MqttDecodeException;
import dev.mqttbridge.mqtt.internal.codec.MqttDecoderHandler;
import dev.mqttbridge.mqtt.internal.codec.MqttEncoderHandler;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one channel to the broker core: the CONNECT opens a {@link ClientProtocol}, later packets,
 * decoding errors, idleness and the close go to it. Before CONNECT it answers decoding errors
 * itself: CONNACK {@code 0x84} / return code 1 for an unknown protocol level [MQTT-3.1.2-2], CONNACK
 * with the reason code for another malformed MQTT 5 CONNECT, a plain close otherwise.
 *
 * <p>It also guards the broker against the client: the whole CONNECT must arrive within the
 * connect timeout, and the channel stops being read (see {@link ReadThrottle}) while the client
 * does not read what it is sent or has too many packets waiting for its session thread.
 */
final class BrokerChannelHandler extends ChannelInboundHandlerAdapter {

  static final String NAME = "mqtt-broker-handler";
  private static final Logger LOG = LoggerFactory.getLogger(BrokerChannelHandler.class);

  private final BrokerCore core;
  private final MqttDecoderHandler decoder;
  private final MqttEncoderHandler encoder;
  private final TransportLimits limits;
  /** Packets handed over together; at most this many, so the session thread starts early. */
  private static final int MAXIMUM_BATCH = 64;

  /** Packets handed to the session thread and not yet handled; decremented there. */
  private final AtomicInteger pending = new AtomicInteger();
  private NettyClientConnection connection;
  private ReadThrottle throttle;
  private ClientProtocol protocol;
  /** Packets of the current read not yet handed to the session thread. */
  private List<MqttPacket> batch = new ArrayList<>();

  BrokerChannelHandler(BrokerCore core, MqttDecoderHandler decoder, MqttEncoderHandler encoder,
      TransportLimits limits) {
    this.core = core;
    this.decoder = decoder;
    this.encoder = encoder;
    this.limits = limits;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    throttle = new ReadThrottle(ctx.channel());
    connection = new NettyClientConnection(ctx.channel(), encoder, core.counters(), throttle);
    // An absolute deadline: the idle timer alone would let a client trickle a CONNECT forever.
    ctx.executor().schedule(() -> {
      if (protocol == null && ctx.channel().isActive()) {
        LOG.debug("No CONNECT from {} within {}", ctx.channel().remoteAddress(),
            limits.connectTimeout());
        ctx.close();
      }
    }, limits.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    MqttPacket packet = (MqttPacket) msg;
    if (protocol != null) {
      batch.add(packet);
      if (batch.size() == MAXIMUM_BATCH) {
        handOver(ctx);
      }
    } else if (packet instanceof ConnectPacket connect) {
      encoder.version(connect.version());
      protocol = core.open(connection, connect);
    } else {
      ctx.close(); // the first packet must be CONNECT [MQTT-3.1.0-1]
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    handOver(ctx);
    super.channelReadComplete(ctx);
  }

  /** Hands the packets read so far to the session thread in one task. */
  private void handOver(ChannelHandlerContext ctx) {
    if (batch.isEmpty()) {
      return;
    }
    List<MqttPacket> packets = batch;
    batch = new ArrayList<>();
    int waiting = pending.addAndGet(packets.size());
    protocol.received(packets, () -> handled(ctx));
    if (waiting >= limits.maxPendingPackets()) {
      throttle.backlogged(true);
    }
  }

  /** On the session thread: once the backlog halves, reading resumes (on the event loop). */
  private void handled(ChannelHandlerContext ctx) {
    if (pending.decrementAndGet() == limits.maxPendingPackets() / 2) {
      ctx.executor().execute(
          () -> throttle.backlogged(pending.get() >= limits.maxPendingPackets()));
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    throttle.writable(ctx.channel().isWritable());
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (protocol != null) {
      handOver(ctx);
      protocol.connectionClosed();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      if (protocol == null) {
        ctx.close(); // no CONNECT in time
      } else {
        handOver(ctx);
        protocol.keepAliveExpired();
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    MqttDecodeException decodeError = decodeError(cause);
    if (decodeError == null) {
      LOG.debug("Connection {} failed", ctx.channel().remoteAddress(), cause);
      ctx.close();
      return;
    }
    LOG.debug("Malformed packet from {}: {}", ctx.channel().remoteAddress(),
        decodeError.getMessage());
    MqttReasonCode code = decodeError.reasonCode();
    if (protocol != null) {
      handOver(ctx); // the packets before the malformed one are handled first
      protocol.malformed(code);
    } else if (code == MqttReasonCode.UNSUPPORTED_PROTOCOL_VERSION
        || decoder.decoder().version() == MqttVersion.V5) {
      // An unknown level gets the 3.1.1 form, return code 1, which every version can read.
      MqttVersion version = decoder.decoder().version();
      encoder.version(version == null ? MqttVersion.V3_1_1 : version);
      ctx.writeAndFlush(new ConnackPacket(false, code, ConnackProperties.DEFAULTS))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  /**
   * The broker is stopping: MQTT 5 clients past CONNECT are told DISCONNECT {@code 0x8B Server
   * shutting down} (section 4.13); the transport closes the channel next.
   */
  void serverShuttingDown(ChannelHandlerContext ctx) {
    ctx.executor().execute(() -> {
      if (protocol != null && encoder.version() == MqttVersion.V5) {
        ctx.writeAndFlush(DisconnectPacket.of(MqttReasonCode.SERVER_SHUTTING_DOWN));
      }
    });
  }

  private static MqttDecodeException decodeError(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof MqttDecodeException e) {
        return e;
      }
    }
    return null;
  }
}
