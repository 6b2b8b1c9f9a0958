package dev.mqttbridge.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void freePorts_areDistinctAndBindable() throws Exception {
    List<Integer> ports = Ports.freePorts(3);

    assertThat(ports).doesNotHaveDuplicates().allMatch(port -> port > 0 && port < 65536);
    assertThat(ports).allMatch(Ports::isFree);
  }

  @Test
  void aBoundServerSocket_listensAndIsNotFree_untilClosed() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
      port = server.getLocalPort();

      assertThat(Ports.isListening(port)).isTrue();
      assertThat(Ports.isFree(port)).isFalse();
      assertThat(Ports.awaitListening(port, Duration.ofSeconds(5))).isTrue();
    }

    assertThat(Ports.awaitFree(port, Duration.ofSeconds(30))).isTrue();
    assertThat(Ports.isListening(port)).isFalse();
  }

  @Test
  void awaitListening_givesUpAfterItsTimeout() throws Exception {
    assertThat(Ports.awaitListening(Ports.freePort(), Duration.ofMillis(100))).isFalse();
  }
}
