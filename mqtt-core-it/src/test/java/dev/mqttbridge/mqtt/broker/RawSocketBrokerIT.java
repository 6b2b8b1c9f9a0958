package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

  /** A raw socket to the broker (see {@link RawMqttSocket}). */
  private static RawMqttSocket open() throws IOException {
    return RawMqttSocket.open(BROKER.host(), BROKER.port());
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
    return RawMqttSocket.withFixedHeader(0x10, body.toByteArray());
  }

  @Test
  void unacknowledgedQos1_resentWithDupFlagOnReconnect_mqtt311PersistentSession()
      throws Exception {
    byte[] subscribe = {(byte) 0x82, 8, 0, 1, 0, 3, 'd', 'u', 'p', 1};
    byte[] publish = {0x32, 9, 0, 3, 'd', 'u', 'p', 0, 7, 'h', 'i'};
    try (RawMqttSocket subscriber = open().send(connect(4, 0x00, 60, "raw-dup"))) {
      subscriber.packet();
      subscriber.send(subscribe);
      assertThat(subscriber.packet()).containsExactly(0x90, 3, 0, 1, 1);
      try (RawMqttSocket publisher = open().send(connect(4, 60, "raw-dup-pub"))) {
        publisher.packet();
        publisher.send(publish);
        assertThat(publisher.packet()).containsExactly(0x40, 2, 0, 7);
      }
      assertThat(subscriber.packet()[0]).isEqualTo((byte) 0x32); // QoS 1, DUP=0; never acked
    }

    try (RawMqttSocket back = open().send(connect(4, 0x00, 60, "raw-dup"))) {
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
    try (RawMqttSocket subscriber = open().send(connect)) {
      assertThat(subscriber.packet()[0]).isEqualTo((byte) 0x20);
      subscriber.send(subscribe);
      assertThat(subscriber.packet()[0]).isEqualTo((byte) 0x90);
      try (RawMqttSocket publisher = open().send(connect(5, 60, "raw-alias-pub"))) {
        publisher.packet();
        publisher.send(publish).send(publish);
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
    try (RawMqttSocket raw = open().send(connect(6, 60, "raw-level6"))) {
      assertThat(raw.packet()).containsExactly(0x20, 0x02, 0x00, 0x01);
      assertThat(raw.closedWithin(5_000)).isTrue();
    }
  }

  @Test
  void firstPacketNotConnect_connectionClosed() throws Exception {
    try (RawMqttSocket raw = open().send(new byte[] {(byte) 0xC0, 0x00})) {
      assertThat(raw.closedWithin(5_000)).isTrue();
    }
  }

  @Test
  void malformedPacketAfterConnack_mqtt5DisconnectWithReasonCodeThenClosed() throws Exception {
    try (RawMqttSocket raw = open().send(connect(5, 60, "raw-malformed"))) {
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
    try (RawMqttSocket raw = open().send(connect(4, 60, "raw-malformed-311"))) {
      assertThat(raw.packet()).containsExactly(0x20, 0x02, 0x00, 0x00);

      raw.send(new byte[] {0x36, 0x03, 0x00, 0x01, 't'});

      assertThat(raw.packet()).isNull();
    }
  }

  @Test
  void packetAboveMaximumPacketSize_mqtt5DisconnectPacketTooLarge() throws Exception {
    try (RawMqttSocket raw = open().send(connect(5, 60, "raw-large"))) {
      byte[] connack = raw.packet();
      assertThat(connack[0]).isEqualTo((byte) 0x20);
      byte[] body = new byte[5004];
      body[1] = 1;
      body[2] = 't';
      body[3] = 0; // no properties, then 5000 payload bytes

      raw.send(RawMqttSocket.withFixedHeader(0x30, body));

      byte[] disconnect = raw.packet();
      assertThat(disconnect[0]).isEqualTo((byte) 0xE0);
      assertThat(disconnect[2] & 0xFF).isEqualTo(0x95);
    }
  }

  @Test
  void silentClient_closedAfterOneAndAHalfKeepAlives() throws Exception {
    try (RawMqttSocket raw = open().send(connect(4, 1, "raw-silent"))) {
      assertThat(raw.packet()).containsExactly(0x20, 0x02, 0x00, 0x00);
      long start = System.nanoTime();

      assertThat(raw.closedWithin(10_000)).isTrue();

      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsedMillis).isBetween(1_400L, 8_000L); // 1.5 s plus scheduling slack
    }
  }

  @Test
  void pingingClient_keptOpenBeyondKeepAlive() throws Exception {
    try (RawMqttSocket raw = open().send(connect(4, 2, "raw-pinging"))) {
      raw.packet();
      for (int i = 0; i < 8; i++) { // 4 s in all: beyond 1.5 times the keep alive of 2 s
        Thread.sleep(500);
        raw.send(new byte[] {(byte) 0xC0, 0x00});
        assertThat(raw.packet()).containsExactly(0xD0, 0x00);
      }
    }
  }
}
