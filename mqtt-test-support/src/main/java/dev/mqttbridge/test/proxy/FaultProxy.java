package dev.mqttbridge.test.proxy;

import dev.mqttbridge.test.Ports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on a free loopback port that forwards to one target and injects network faults on command:
 * cut every connection, refuse new ones, stall traffic, add latency. Put it between an MQTT client and a
 * broker to test reconnects, keep-alive timeouts and redelivery.
 *
 * <p>Every control method is safe to call from any thread while traffic flows, and takes effect before
 * it returns: e.g. once {@link #stall(boolean) stall(true)} returns, no further byte is forwarded.
 * (They must not be called from this proxy's own event loop.)
 *
 * <p>Memory stays bounded: a stalled or slowed direction stops reading its socket once about 1 MiB is
 * queued, and the operating system's buffers then push back on the sender.
 */
public final class FaultProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

  private final InetSocketAddress target;
  private final FaultSettings settings = new FaultSettings();
  private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Channel server;

  private FaultProxy(InetSocketAddress target) {
    this.target = target;
    // One thread: accepting, relaying and control all run in order on it, so no locks are needed.
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fault-proxy", true),
        NioIoHandler.newFactory());
    this.loop = group.next();
    try {
      this.server = new ServerBootstrap()
          .group(loop)
          .channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.AUTO_READ, false)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel client) {
              accept(client);
            }
          })
          .bind(new InetSocketAddress(Ports.LOOPBACK, 0))
          .syncUninterruptibly()
          .channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
    LOG.info("Fault proxy on {} forwards to {}", uri(), target);
  }

  /** Starts a proxy to {@code 127.0.0.1:targetPort}. */
  public static FaultProxy start(int targetPort) {
    return start(Ports.LOOPBACK, targetPort);
  }

  /** Starts a proxy to {@code targetHost:targetPort}; tests use loopback targets only. */
  public static FaultProxy start(String targetHost, int targetPort) {
    return new FaultProxy(new InetSocketAddress(Objects.requireNonNull(targetHost), targetPort));
  }

  /** Always {@code 127.0.0.1}. */
  public String host() {
    return Ports.LOOPBACK;
  }

  /** The port clients connect to. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** {@code tcp://127.0.0.1:PORT}, the proxy's address as an MQTT server URI. */
  public String uri() {
    return "tcp://" + host() + ":" + port();
  }

  /** Back to normal: not stalled, no delay, new connections accepted. Existing connections carry on. */
  public void passThrough() {
    settings.refuseNew = false;
    settings.delayNanos = 0;
    stall(false);
  }

  /**
   * Closes every current connection with a TCP reset on both sides, dropping bytes not yet forwarded, as
   * a broken network path would. New connections are still accepted.
   */
  public void cutAll() {
    onLoop(() -> connections.forEach(ProxyConnection::cut));
    LOG.info("Fault proxy {} cut all connections", port());
  }

  /**
   * While {@code true}, new connections are accepted and closed at once (the client sees its connect
   * succeed, then end of stream), and the target is not contacted. Existing connections carry on.
   */
  public void refuseNew(boolean refuse) {
    settings.refuseNew = refuse;
  }

  /**
   * While {@code true}, no byte is forwarded in either direction and no connection is closed: bytes
   * already read are held, the rest wait in the operating system's buffers, and when {@code false} again
   * everything is delivered in order. Closes by either peer are held too, and forwarded after the data.
   */
  public void stall(boolean stalled) {
    settings.stalled = stalled;
    onLoop(() -> connections.forEach(ProxyConnection::refresh));
    LOG.info("Fault proxy {} {}", port(), stalled ? "stalled" : "no longer stalled");
  }

  /**
   * Holds every chunk read from now on for {@code latency} before forwarding it, in each direction, in
   * order; a round trip takes at least twice {@code latency}. {@link Duration#ZERO} turns it off (bytes
   * already held keep their time, so order is kept).
   */
  public void delay(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    settings.delayNanos = latency.toNanos();
  }

  /** Client connections currently open through the proxy. */
  public int connectionCount() {
    return connections.size();
  }

  /** Client connections accepted since start, including refused ones. */
  public long acceptedCount() {
    return settings.accepted.sum();
  }

  /** Bytes forwarded from clients to the target since start. */
  public long bytesToTarget() {
    return settings.bytesToTarget.sum();
  }

  /** Bytes forwarded from the target to clients since start. */
  public long bytesToClient() {
    return settings.bytesToClient.sum();
  }

  /** Stops listening, resets every connection and stops the event loop. Idempotent. */
  @Override
  public void close() {
    try {
      if (!loop.isShuttingDown()) {
        onLoop(() -> {
          server.close();
          connections.forEach(ProxyConnection::cut);
        });
      }
    } finally {
      group.shutdownGracefully(0, CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .awaitUninterruptibly(CONTROL_TIMEOUT.toMillis());
    }
  }

  @Override
  public String toString() {
    return "FaultProxy{" + uri() + " -> " + target + ", connections=" + connectionCount() + "}";
  }

  /** Runs on the event loop, for each accepted client, before it is active. */
  private void accept(SocketChannel client) {
    settings.accepted.increment();
    if (settings.refuseNew) {
      client.close();
      return;
    }
    ProxyConnection connection = new ProxyConnection(client, settings);
    connections.add(connection);
    client.closeFuture().addListener(closed -> connections.remove(connection));
    client.pipeline().addLast(connection.clientHandler());
    connection.connect(target);
  }

  /** Runs {@code task} on the event loop and waits for it, so control changes are in force on return. */
  private void onLoop(Runnable task) {
    if (loop.inEventLoop()) {
      throw new IllegalStateException("FaultProxy control methods must not be called from its event loop");
    }
    Future<?> done = loop.submit(task);
    if (!done.awaitUninterruptibly(CONTROL_TIMEOUT.toMillis())) {
      throw new IllegalStateException("fault proxy event loop did not respond within " + CONTROL_TIMEOUT);
    }
    if (!done.isSuccess()) {
      throw new IllegalStateException("fault proxy control failed", done.cause());
    }
  }
}
