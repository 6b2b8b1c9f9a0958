package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.internal.io.IoTransport;
import java.io.InputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class MqttBrokerTest {

  /** CONNECT, MQTT 3.1.1, clean session, keep alive 60, client id "t". */
  private static final byte[] CONNECT = {
      0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 1, 't'};

  @Test
  void portZero_boundToFreePort_uriNamesHostAndPort() {
    try (MqttBroker broker = MqttBroker.builder().port(0).build().start()) {
      assertThat(broker.port()).isPositive();
      assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
      assertThat(broker.boundAddresses()).hasSize(1);
    }
  }

  @Test
  void started_acceptsConnectWithConnackSuccess() throws Exception {
    try (MqttBroker broker = MqttBroker.builder().port(0).build().start();
         Socket socket = new Socket("127.0.0.1", broker.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(CONNECT);
      InputStream in = socket.getInputStream();

      assertThat(in.readNBytes(4)).containsExactly(0x20, 0x02, 0x00, 0x00);
    }
  }

  @Test
  void severalListeners_eachBound() {
    try (MqttBroker broker = MqttBroker.builder()
        .listener(MqttListener.tcp("127.0.0.1", 0))
        .listener(MqttListener.tcp("127.0.0.1", 0))
        .build().start()) {
      assertThat(broker.boundAddresses()).hasSize(2);
      assertThat(broker.boundAddresses().get(0).getPort())
          .isNotEqualTo(broker.boundAddresses().get(1).getPort());
    }
  }

  @Test
  void listensOverNativeEpollWhereItLoads() {
    try (MqttBroker broker = MqttBroker.builder().port(0).build().start()) {
      // What IoTransport chose (epoll here: IoTransportTest) is what the listener runs on.
      assertThat(broker.listenerChannelTypes())
          .containsExactly(IoTransport.select().serverChannel());
    }
  }

  @Test
  void portInUse_startFailsWithIllegalState() {
    try (MqttBroker first = MqttBroker.builder().port(0).build().start()) {
      MqttBroker second = MqttBroker.builder().port(first.port()).build();

      assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Cannot bind");
      second.close();
    }
  }

  @Test
  void lifecycle_portBeforeStartFails_startTwiceFails_closeIsIdempotent() {
    MqttBroker broker = MqttBroker.builder().port(0).build();
    assertThatThrownBy(broker::port).isInstanceOf(IllegalStateException.class);
    broker.start();
    assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
    broker.close();
    broker.close();
    assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builder_rejectsOutOfRangeLimits() {
    MqttBroker.Builder builder = MqttBroker.builder();
    assertThatThrownBy(() -> builder.port(70_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.receiveMaximum(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxKeepAlive(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxQueuedMessages(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.outboundBufferLimit(1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outboundBufferLimit");
  }
}
