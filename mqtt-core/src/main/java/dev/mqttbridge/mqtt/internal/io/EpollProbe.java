package dev.mqttbridge.mqtt.internal.io;

import io.netty.channel.IoHandlerFactory;

/**
 * Whether Netty's epoll classes on the class path can be used with our Netty, without loading its
 * natives: they must be Netty 4.2's ({@code EpollIoHandler} is new in 4.2; a 4.1 epoll jar that
 * another library brought has only {@code Epoll}) and come from the class loader of Netty's
 * transport classes (a Connect plugin's Netty with an epoll jar from the worker's class path would
 * fail to link).
 */
final class EpollProbe {

  private static final String HANDLER = "io.netty.channel.epoll.EpollIoHandler";

  private EpollProbe() {}

  /** Probes the class loader that loaded Netty's transport. */
  static boolean usable() {
    return usable(IoHandlerFactory.class.getClassLoader());
  }

  static boolean usable(ClassLoader nettyLoader) {
    try {
      Class<?> handler = Class.forName(HANDLER, false, nettyLoader);
      return handler.getClassLoader() == nettyLoader;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
