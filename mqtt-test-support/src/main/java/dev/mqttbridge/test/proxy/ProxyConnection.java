package dev.mqttbridge.test.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection through the proxy and its connection to the target, with a {@link Relay} for each
 * direction. Confined to the event loop of the client channel (the target channel uses the same loop).
 */
final class ProxyConnection {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyConnection.class);
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final Channel client;
  private final Relay toTarget;
  private final Relay toClient;
  private Channel target;

  ProxyConnection(Channel client, FaultSettings settings) {
    this.client = client;
    this.toTarget = new Relay(settings, settings.bytesToTarget);
    this.toClient = new Relay(settings, settings.bytesToClient);
  }

  /** The handler for the client channel; install it before the channel becomes active. */
  RelayHandler clientHandler() {
    return new RelayHandler(toTarget, toClient);
  }

  /** Connects to the target; the client is read only once that succeeds, and closed if it fails. */
  void connect(InetSocketAddress targetAddress) {
    new Bootstrap()
        .group(client.eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .handler(new RelayHandler(toClient, toTarget))
        .connect(targetAddress)
        .addListener((ChannelFuture connected) -> onConnected(connected, targetAddress));
  }

  /** Re-evaluates both directions after the fault settings changed. */
  void refresh() {
    toTarget.drain();
    toClient.drain();
  }

  /** Closes both channels with a TCP reset, dropping whatever is queued: a broken network path. */
  void cut() {
    reset(client);
    if (target != null) {
      reset(target);
    }
  }

  Channel client() {
    return client;
  }

  private void onConnected(ChannelFuture connected, InetSocketAddress targetAddress) {
    if (!connected.isSuccess()) {
      LOG.debug("Cannot reach {} for {}: {}", targetAddress, client, connected.cause().toString());
      client.close();
      return;
    }
    if (!client.isActive()) {
      connected.channel().close();
      return;
    }
    target = connected.channel();
    toTarget.bind(client, target);
    toClient.bind(target, client);
    refresh();
  }

  private static void reset(Channel channel) {
    if (!channel.isOpen()) {
      return;
    }
    // SO_LINGER 0 makes close() send RST instead of FIN, so both peers see the connection fail at once.
    channel.config().setOption(ChannelOption.SO_LINGER, 0);
    channel.close();
  }
}
