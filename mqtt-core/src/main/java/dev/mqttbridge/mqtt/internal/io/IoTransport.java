package dev.mqttbridge.mqtt.internal.io;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket I/O the client and the broker run on: Netty's native epoll transport when its jars
 * ({@code io.netty:netty-transport-native-epoll}, an optional dependency) are on the class path
 * and load on this machine, else Java NIO. Epoll costs fewer system calls per packet (edge
 * triggered, no selected-key sets), which on a small machine is most of an MQTT message's CPU time.
 * Epoll jars of another Netty version, or from another class loader than Netty's transport, are
 * passed over for NIO. The system property {@value #PROPERTY}{@code =nio} forces NIO.
 *
 * @param name "epoll" or "nio", for logs
 * @param handlers the event loops' I/O handler
 * @param socketChannel the client socket type
 * @param serverChannel the listening socket type
 */
public record IoTransport(String name, IoHandlerFactory handlers,
    Class<? extends SocketChannel> socketChannel,
    Class<? extends ServerSocketChannel> serverChannel) {

  /** System property: {@code nio} forces Java NIO; {@code auto} (default) prefers epoll. */
  public static final String PROPERTY = "mqttbridge.transport";

  private static final Logger LOG = LoggerFactory.getLogger(IoTransport.class);

  /** Java NIO, available everywhere. */
  public static IoTransport nio() {
    return new IoTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class,
        NioServerSocketChannel.class);
  }

  /** Epoll when it is on the class path and loads here, and the system property allows it. */
  public static IoTransport select() {
    return select(System.getProperty(PROPERTY, "auto"));
  }

  /**
   * Epoll when it is on the class path and loads here and {@code choice} is {@code auto}; NIO for
   * {@code nio}.
   *
   * @throws IllegalArgumentException for any other choice
   */
  static IoTransport select(String choice) {
    String wanted = choice.trim().toLowerCase(Locale.ROOT);
    switch (wanted) {
      case "nio":
        return nio();
      case "auto":
        break;
      default:
        throw new IllegalArgumentException(
            "System property " + PROPERTY + " must be auto or nio, not '" + wanted + "'");
    }
    if (!EpollProbe.usable()) {
      return nio();
    }
    try {
      // Loaded only now: without the optional jar its classes must not be resolved.
      return EpollTransport.ifAvailable().orElseGet(() -> {
        LOG.debug("Native epoll is on the class path but does not load here; using NIO");
        return nio();
      });
    } catch (LinkageError e) {
      LOG.warn("Native epoll on the class path does not link with this Netty; using NIO", e);
      return nio();
    }
  }
}
