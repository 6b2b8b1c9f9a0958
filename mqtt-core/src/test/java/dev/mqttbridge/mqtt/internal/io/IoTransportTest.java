package dev.mqttbridge.mqtt.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class IoTransportTest {

  private static boolean linuxX86() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
        && ("amd64".equals(arch) || "x86_64".equals(arch));
  }

  @Test
  void nativeEpollLoadsOnLinuxX86() {
    // mqtt-core's tests have the optional linux-x86_64 jar: every client and broker here runs on it.
    if (linuxX86()) {
      assertThat(Epoll.isAvailable())
          .withFailMessage("epoll did not load: %s", Epoll.unavailabilityCause()).isTrue();
    }
  }

  @Test
  void autoPrefersEpollWhereItLoads() {
    IoTransport transport = IoTransport.select("auto");

    if (Epoll.isAvailable()) {
      assertThat(transport.name()).isEqualTo("epoll");
      assertThat(transport.socketChannel()).isEqualTo(EpollSocketChannel.class);
      assertThat(transport.serverChannel()).isEqualTo(EpollServerSocketChannel.class);
    } else {
      assertThat(transport.name()).isEqualTo("nio");
    }
  }

  @Test
  void nioWhenAskedFor() {
    IoTransport transport = IoTransport.select(" NIO ");

    assertThat(transport.name()).isEqualTo("nio");
    assertThat(transport.socketChannel()).isEqualTo(NioSocketChannel.class);
    assertThat(transport.serverChannel()).isEqualTo(NioServerSocketChannel.class);
  }

  @Test
  void theSystemPropertyChooses() {
    String before = System.getProperty(IoTransport.PROPERTY);
    try {
      System.setProperty(IoTransport.PROPERTY, "nio");
      assertThat(IoTransport.select().name()).isEqualTo("nio");
      System.clearProperty(IoTransport.PROPERTY);
      assertThat(IoTransport.select().name()).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");
    } finally {
      if (before == null) {
        System.clearProperty(IoTransport.PROPERTY);
      } else {
        System.setProperty(IoTransport.PROPERTY, before);
      }
    }
  }

  @Test
  void probeTakesEpollOnlyFromNettysOwnClassLoader() {
    // A loader that sees no epoll classes: the Connect plugin and the Camel component without the jar.
    assertThat(EpollProbe.usable(new ClassLoader(null) {})).isFalse();
    // This class path has Netty 4.2's epoll beside its transport.
    assertThat(EpollProbe.usable()).isTrue();
  }

  @Test
  void anyOtherChoiceIsRefusedByName() {
    assertThatThrownBy(() -> IoTransport.select("io_uring"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(IoTransport.PROPERTY).hasMessageContaining("io_uring");
  }
}
