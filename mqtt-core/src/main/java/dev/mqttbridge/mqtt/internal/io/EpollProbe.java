package dev.mqttbridge.mqtt.internal.io;

/** Whether the optional native epoll jar is on the class path, without loading its natives. */
final class EpollProbe {

  private EpollProbe() {}

  static boolean onClassPath() {
    try {
      Class.forName("io.netty.channel.epoll.Epoll", false, EpollProbe.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
