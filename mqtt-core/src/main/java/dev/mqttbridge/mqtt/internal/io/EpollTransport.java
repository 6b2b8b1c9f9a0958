package dev.mqttbridge.mqtt.internal.io;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.util.Optional;

/** The only class that names Netty's epoll types, so that nothing resolves them unless asked. */
final class EpollTransport {

  private EpollTransport() {}

  static Optional<IoTransport> ifAvailable() {
    if (!Epoll.isAvailable()) {
      return Optional.empty();
    }
    return Optional.of(new IoTransport("epoll", EpollIoHandler.newFactory(),
        EpollSocketChannel.class, EpollServerSocketChannel.class));
  }
}
