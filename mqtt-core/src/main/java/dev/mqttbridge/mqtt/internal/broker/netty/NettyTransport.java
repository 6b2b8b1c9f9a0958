package dev.mqttbridge.mqtt.internal.broker.netty;

import dev.mqttbridge.mqtt.broker.MqttListener;
import dev.mqttbridge.mqtt.internal.broker.BrokerCore;
import dev.mqttbridge.mqtt.internal.broker.BrokerSettings;
import dev.mqttbridge.mqtt.internal.io.IoTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side of the broker: binds the listeners, admits connections up to the limit and gives
 * each its listener's {@link BrokerPipeline}.
 */
public final class NettyTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);

  private final BrokerCore core;
  private final BrokerSettings settings;
  private final TransportLimits limits;
  private final AtomicInteger connections = new AtomicInteger();
  private final ByteCounter byteCounter;
  private final IoTransport io;
  private final EventLoopGroup acceptors;
  private final EventLoopGroup workers;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final List<Channel> listening = new CopyOnWriteArrayList<>();

  public NettyTransport(BrokerCore core, BrokerSettings settings, TransportLimits limits,
      String name) {
    this.core = core;
    this.settings = settings;
    this.limits = limits;
    this.byteCounter = new ByteCounter(core.counters());
    this.io = IoTransport.select();
    this.acceptors = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory(name + "-accept", true), io.handlers());
    this.workers = new MultiThreadIoEventLoopGroup(
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory(name + "-io", true), io.handlers());
    LOG.debug("Broker {} uses {} sockets", name, io.name());
  }

  /**
   * Binds every listener.
   *
   * @return the bound addresses, in listener order
   * @throws InterruptedException if interrupted while binding
   */
  public List<InetSocketAddress> bind(List<MqttListener> listeners)
      throws InterruptedException, IOException {
    List<InetSocketAddress> bound = new ArrayList<>();
    for (MqttListener listener : listeners) {
      SslContext tls = listener.tls().isPresent()
          ? ServerSslContexts.create(listener.tls().get()) : null;
      BrokerPipeline pipeline =
          new BrokerPipeline(core, settings, limits, byteCounter, tls, listener);
      ChannelFuture binding = new ServerBootstrap()
          .group(acceptors, workers)
          .channel(io.serverChannel())
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
              limits.outboundBufferBytes() / 2, limits.outboundBufferBytes()))
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              if (connections.incrementAndGet() > limits.maxConnections()) {
                connections.decrementAndGet();
                LOG.warn("Refused {}: {} connections open (maxConnections)",
                    channel.remoteAddress(), limits.maxConnections());
                channel.close();
                return;
              }
              channel.closeFuture().addListener(closed -> connections.decrementAndGet());
              channels.add(channel);
              pipeline.initialize(channel);
            }
          })
          .bind(listener.host(), listener.port())
          .await();
      if (!binding.isSuccess()) {
        throw bindFailure(binding.cause());
      }
      Channel server = binding.channel();
      channels.add(server);
      listening.add(server);
      bound.add((InetSocketAddress) server.localAddress());
    }
    return bound;
  }

  /** The listening sockets' channel types ("epoll" or "nio" transport, see IoTransport). */
  public List<Class<? extends Channel>> listenerChannelTypes() {
    return listening.stream().<Class<? extends Channel>>map(Channel::getClass).toList();
  }

  /** Connections open now (accepted and not yet closed). */
  public int connectionCount() {
    return connections.get();
  }

  /** Closes the listeners and every connection, then stops the threads. */
  @Override
  public void close() {
    for (Channel channel : channels) {
      ChannelHandlerContext handler = channel.pipeline().context(BrokerChannelHandler.NAME);
      if (handler != null) {
        ((BrokerChannelHandler) handler.handler()).serverShuttingDown(handler);
      }
    }
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /**
   * NIO fails a bind with a {@link java.net.BindException}, epoll with Netty's own IOException:
   * callers get a SocketException either way. Anything else (an unresolvable host) stays as it is.
   */
  private static IOException bindFailure(Throwable cause) {
    if (cause instanceof SocketException socket) {
      return socket;
    }
    if (cause instanceof IOException) {
      SocketException failure = new BindException(cause.getMessage());
      failure.initCause(cause);
      return failure;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }
}
