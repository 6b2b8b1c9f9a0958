package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protocol edge cases driven byte by byte over a socket, where a client library would refuse to
 * misbehave: unsupported protocol levels, malformed and oversized packets, silent clients.
 */
class RawSocketBrokerIT {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create(b -> b
      .maximumPacketSize(4096));

  /** A socket speaking raw MQTT. */
  private static final class Raw implements AutoCloseable {
    final Socket socket;
    final InputStream in;

    Raw() throws IOException {
      socket = new Socket(BROKER.host(), BROKER.port());
      socket.setSoTimeout(10_000);
      in = socket.getInputStream();
    }

    Raw send(byte[]... parts) throws IOException {
      for (byte[] part : parts) {
        socket.getOutputStream().write(part);
      }
      socket.getOutputStream().flush();
      return this;
    }

    /** The next packet, fixed header included, or null at end of stream. */
    byte[] packet() throws IOException {
      int first = in.read();
      if (first < 0) {
        return null;
      }
      ByteArrayOutputStream packet = new ByteArrayOutputStream();
      packet.write(first);
      int length = 0;
      int shift = 0;
      int digit;
      do {
        digit = in.read();
        packet.write(digit);
        length |= (digit & 0x7F) << shift;
        shift += 7;
      } while ((digit & 0x80) != 0);
      packet.write(in.readNBytes(length));
      return packet.toByteArray();
    }

    boolean closedWithin(long millis) throws IOException {
      socket.setSoTimeout((int) millis);
      try {
        while (true) {
          if (in.read() < 0) {
            return true;
          }
        }
      } catch (SocketTimeoutException stillOpen) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** CONNECT with protocol "MQTT", this level, clean start, keep alive and client id. */
  private static byte[] connect(int level, int keepAlive, String clientId) {
    return connect(level, 0x02, keepAlive, clientId);
  }

  private static byte[] connect(int level, int flags, int keepAlive, String clientId) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', (byte) level, (byte) flags, 0,
        (byte) keepAlive});
    if (level == 5) {
      body.write(0); // no properties
    }
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    body.write(0);
    body.write(id.length);
    body.writeBytes(id);
    return withFixedHeader(0x10, body.toByteArray());
  }

  private static byte[] withFixedHeader(int first, byte[] body) {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(first);
    int length = body.length;
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.writeBytes(body);
    return packet.toByteArray();
  }

  @Test
  void unacknowledgedQos1_resentWithDupFlagOnReconnect_mqtt311PersistentSession()
      throws Exception {
    byte[] subscribe = {(byte) 0x82, 8, 0, 1, 0, 3, 'd', 'u', 'p', 1};
    byte[] publish = {0x32, 9, 0, 3, 'd', 'u', 'p', 0, 7, 'h', 'i'};
    try (Raw subscriber = new Raw().send(connect(4, 0x00, 60, "raw-dup"))) {
      subscriber.packet();
      subscriber.send(subscribe);
      assertThat(subscriber.packet()).containsExactly(0x90, 3, 0, 1, 1);
      try (Raw publisher = new Raw().send(connect(4, 60, "raw-dup-pub"))) {
        publisher.packet();
        publisher.send(publish);
        assertThat(publisher.packet()).containsExactly(0x40, 2, 0, 7);
      }
      assertThat(subscriber.packet()[0]).isEqualTo((byte) 0x32); // QoS 1, DUP=0; never acked
    }

    try (Raw back = new Raw().send(connect(4, 0x00, 60, "raw-dup"))) {
      assertThat(back.packet()).containsExactly(0x20, 2, 1, 0); // session present
      byte[] resent = back.packet();
      assertThat(resent[0]).isEqualTo((byte) 0x3A); // QoS 1 with DUP=1 [MQTT-3.3.1-1]
      assertThat(new String(resent, resent.length - 2, 2, StandardCharsets.UTF_8))
          .isEqualTo("hi");
      back.send(new byte[] {0x40, 2, resent[7], resent[8]}); // PUBACK
      back.send(new byte[] {(byte) 0xE0, 0}); // DISCONNECT, session kept for the next run
    }
  }

  @Test
  void mqtt5ClientWithTopicAliasMaximum_secondMessageCarriesAliasAndEmptyTopic() throws Exception {
    // CONNECT 5.0, clean start, keep alive 60, properties: Topic Alias Maximum (0x22) = 1.
    byte[] connect = {0x10, 24, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60, 3, 0x22, 0, 1,
        0, 8, 'r', 'a', 'w', '-', 'a', 'l', 'i', 'a'};
    byte[] subscribe = {(byte) 0x82, 9, 0, 1, 0, 0, 3, 'a', 'l', 's', 0};
    byte[] publish = {0x30, 7, 0, 3, 'a', 'l', 's', 0, 'x'};
    try (Raw subscriber = new Raw().send(connect)) {
      assertThat(subscriber.packet()[0]).isEqualTo((byte) 0x20);
      subscriber.send(subscribe);
      assertThat(subscriber.packet()[0]).isEqualTo((byte) 0x90);
      try (Raw publisher = new Raw().send(connect(5, 60, "raw-alias-pub"))) {
        publisher.packet();
        publisher.send(publish, publish);
      }

      // PUBLISH QoS 0: topic "als", properties: Topic Alias (0x23) = 1, payload "x".
      assertThat(subscriber.packet()).containsExactly(0x30, 10, 0, 3, 'a', 'l', 's', 3, 0x23,
          0, 1, 'x');
      // Then an empty topic name with the alias.
      assertThat(subscriber.packet()).containsExactly(0x30, 7, 0, 0, 3, 0x23, 0, 1, 'x');
    }
  }

  @Test
  void unsupportedProtocolLevel_connackReturnCode1ThenClosed() throws Exception {
    try (Raw raw = new Raw().send(connect(6, 60, "raw-level6"))) {
      assertThat(raw.packet()).containsExactly(0x20, 0x02, 0x00, 0x01);
      assertThat(raw.closedWithin(5_000)).isTrue();
    }
  }

  @Test
  void firstPacketNotConnect_connectionClosed() throws Exception {
    try (Raw raw = new Raw().send(new byte[] {(byte) 0xC0, 0x00})) {
      assertThat(raw.closedWithin(5_000)).isTrue();
    }
  }

  @Test
  void malformedPacketAfterConnack_mqtt5DisconnectWithReasonCodeThenClosed() throws Exception {
    try (Raw raw = new Raw().send(connect(5, 60, "raw-malformed"))) {
      assertThat(raw.packet()[0]).isEqualTo((byte) 0x20);

      raw.send(new byte[] {0x36, 0x03, 0x00, 0x01, 't'}); // PUBLISH with QoS 3

      byte[] disconnect = raw.packet();
      assertThat(disconnect[0]).isEqualTo((byte) 0xE0);
      assertThat(disconnect[2] & 0xFF).isGreaterThanOrEqualTo(0x80);
      assertThat(raw.closedWithin(5_000)).isTrue();
    }
  }

  @Test
  void malformedPacketAfterConnack_mqtt311ClosedWithoutDisconnect() throws Exception {
    try (Raw raw = new Raw().send(connect(4, 60, "raw-malformed-311"))) {
      assertThat(raw.packet()).containsExactly(0x20, 0x02, 0x00, 0x00);

      raw.send(new byte[] {0x36, 0x03, 0x00, 0x01, 't'});

      assertThat(raw.packet()).isNull();
    }
  }

  @Test
  void packetAboveMaximumPacketSize_mqtt5DisconnectPacketTooLarge() throws Exception {
    try (Raw raw = new Raw().send(connect(5, 60, "raw-large"))) {
      byte[] connack = raw.packet();
      assertThat(connack[0]).isEqualTo((byte) 0x20);
      byte[] body = new byte[5004];
      body[1] = 1;
      body[2] = 't';
      body[3] = 0; // no properties, then 5000 payload bytes

      raw.send(withFixedHeader(0x30, body));

      byte[] disconnect = raw.packet();
      assertThat(disconnect[0]).isEqualTo((byte) 0xE0);
      assertThat(disconnect[2] & 0xFF).isEqualTo(0x95);
    }
  }

  @Test
  void silentClient_closedAfterOneAndAHalfKeepAlives() throws Exception {
    try (Raw raw = new Raw().send(connect(4, 1, "raw-silent"))) {
      assertThat(raw.packet()).containsExactly(0x20, 0x02, 0x00, 0x00);
      long start = System.nanoTime();

      assertThat(raw.closedWithin(10_000)).isTrue();

      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsedMillis).isBetween(1_400L, 8_000L); // 1.5 s plus scheduling slack
    }
  }

  @Test
  void pingingClient_keptOpenBeyondKeepAlive() throws Exception {
    try (Raw raw = new Raw().send(connect(4, 2, "raw-pinging"))) {
      raw.packet();
      for (int i = 0; i < 8; i++) { // 4 s in all: beyond 1.5 times the keep alive of 2 s
        Thread.sleep(500);
        raw.send(new byte[] {(byte) 0xC0, 0x00});
        assertThat(raw.packet()).containsExactly(0xD0, 0x00);
      }
    }
  }
}
