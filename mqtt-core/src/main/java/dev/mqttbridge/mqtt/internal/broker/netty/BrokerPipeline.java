package dev.mqttbridge.mqtt.internal.broker.netty;

import dev.mqttbridge.mqtt.broker.MqttListener;
import dev.mqttbridge.mqtt.internal.broker.BrokerCore;
import dev.mqttbridge.mqtt.internal.broker.BrokerSettings;
import dev.mqttbridge.mqtt.internal.codec.MqttDecoderHandler;
import dev.mqttbridge.mqtt.internal.codec.MqttEncoderHandler;
import dev.mqttbridge.mqtt.internal.codec.MqttPacketDecoder;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The handlers of one listener's connections, head to tail: byte counter, TLS (on TLS and
 * secure WebSocket listeners), the WebSocket layer (HTTP upgrade, then frames to bytes), idle
 * timer, MQTT decoder and encoder, and the {@link BrokerChannelHandler}. The MQTT handlers are
 * the same on every listener: the WebSocket layer hands them the byte stream frames carry.
 */
final class BrokerPipeline {

  private static final String TLS_NAME = "mqtt-broker-tls";
  private static final String HTTP_NAME = "mqtt-broker-http";
  private static final String HTTP_AGGREGATOR_NAME = "mqtt-broker-http-aggregator";
  private static final String WEBSOCKET_NAME = "mqtt-broker-websocket";
  /** An upgrade request is headers only; anything with a larger body is refused (413). */
  private static final int MAXIMUM_UPGRADE_REQUEST = 8 * 1024;
  /**
   * What a WebSocket frame may hold beyond one packet of the largest size: the small packets
   * (acknowledgements, PINGREQ) a client wrote in the same burst and framed with it.
   */
  static final int FRAME_HEADROOM = 64 * 1024;

  private final BrokerCore core;
  private final BrokerSettings settings;
  private final TransportLimits limits;
  private final ByteCounter byteCounter;
  private final SslContext tls;
  private final MqttListener listener;

  /**
   * @param tls the listener's server TLS context, or {@code null} for plain TCP and WebSocket
   */
  BrokerPipeline(BrokerCore core, BrokerSettings settings, TransportLimits limits,
      ByteCounter byteCounter, SslContext tls, MqttListener listener) {
    this.core = core;
    this.settings = settings;
    this.limits = limits;
    this.byteCounter = byteCounter;
    this.tls = tls;
    this.listener = listener;
  }

  void initialize(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(ByteCounter.NAME, byteCounter);
    if (tls != null) {
      // The handshake counts against the connect timeout like any other CONNECT delay.
      pipeline.addLast(TLS_NAME, tls.newHandler(channel.alloc()));
    }
    if (listener.isWebSocket()) {
      addWebSocket(pipeline);
    }
    MqttDecoderHandler decoder = new MqttDecoderHandler(
        MqttPacketDecoder.forServer(settings.maximumPacketSize()));
    decoder.decoder().topicAliasMaximum(settings.topicAliasMaximum());
    MqttEncoderHandler encoder = new MqttEncoderHandler();
    pipeline
        .addLast(NettyClientConnection.IDLE_NAME,
            new IdleStateHandler(limits.connectTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addLast(MqttDecoderHandler.NAME, decoder)
        .addLast(MqttEncoderHandler.NAME, encoder)
        .addLast(BrokerChannelHandler.NAME,
            new BrokerChannelHandler(core, decoder, encoder, limits));
  }

  private void addWebSocket(ChannelPipeline pipeline) {
    WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(MqttListener.WEBSOCKET_PATH)
        .checkStartsWith(true) // the guard has checked the path; this lets a query string pass
        .subprotocols(String.join(",", WebSocketUpgradeGuard.SUBPROTOCOLS))
        .handshakeTimeoutMillis(limits.connectTimeout().toMillis())
        .decoderConfig(WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maximumFramePayload(settings.maximumPacketSize()))
            .allowExtensions(false)
            .build())
        .build();
    pipeline
        .addLast(HTTP_NAME, new HttpServerCodec())
        .addLast(HTTP_AGGREGATOR_NAME, new HttpObjectAggregator(MAXIMUM_UPGRADE_REQUEST))
        .addLast(WebSocketUpgradeGuard.NAME,
            new WebSocketUpgradeGuard(MqttListener.WEBSOCKET_PATH))
        .addLast(WEBSOCKET_NAME, new WebSocketServerProtocolHandler(config))
        .addLast(WebSocketServerFrames.NAME, new WebSocketServerFrames());
  }

  /**
   * The largest frame payload accepted: one packet of the largest size plus {@link
   * #FRAME_HEADROOM}. A larger frame is refused from its header (close 1009), before any of it is
   * buffered, so a frame costs at most that much memory.
   */
  static int maximumFramePayload(int maximumPacketSize) {
    return (int) Math.min(Integer.MAX_VALUE, (long) maximumPacketSize + FRAME_HEADROOM);
  }
}
