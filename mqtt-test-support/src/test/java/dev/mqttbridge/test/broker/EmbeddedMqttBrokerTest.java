package dev.mqttbridge.test.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.broker.MqttBroker;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedMqttBrokerTest {

  /** CONNECT, MQTT 3.1.1, clean session, keep alive 60, client id "t". */
  private static final byte[] CONNECT = {
      0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 1, 't'};

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create(b -> b.maxKeepAlive(120));

  @Test
  void registeredStatically_brokerStartedOnLoopbackAndAcceptsConnect() throws Exception {
    assertThat(BROKER.uri().toString()).startsWith("tcp://127.0.0.1:");
    assertThat(connackReturnCode(BROKER.port())).isZero();
  }

  @Test
  void parameters_brokerAndUriInjected(MqttBroker broker, URI uri) {
    assertThat(broker).isSameAs(BROKER.broker());
    assertThat(uri.getPort()).isEqualTo(BROKER.port());
  }

  static int connackReturnCode(int port) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(CONNECT);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] connack = in.readNBytes(4);
      assertThat(connack[0]).isEqualTo((byte) 0x20);
      return connack[3];
    }
  }
}
