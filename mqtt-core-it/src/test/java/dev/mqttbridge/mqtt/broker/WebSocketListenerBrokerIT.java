package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import dev.mqttbridge.mqtt.internal.tls.KeyMaterial;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import dev.mqttbridge.test.tls.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSocket and secure WebSocket listeners next to a TCP one: Paho (3.1.1 and 5), HiveMQ and our
 * own client at each QoS, MQTT packets split across and packed into frames, and upgrade requests
 * the broker must refuse with an HTTP error.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WebSocketListenerBrokerIT {

  private static final long WAIT_SECONDS = 30;
  /** The largest packet of {@link #strictWebSocketBroker()}. */
  private static final int STRICT_MAXIMUM_PACKET = 64 * 1024;
  /** What a frame may hold beyond the largest packet, as {@link MqttListener} documents. */
  private static final int FRAME_HEADROOM = 64 * 1024;

  @TempDir
  static Path certificatesDirectory;

  private static TestCertificates certificates;
  private static SSLContext trustingCa;
  /** Listener 0: WebSocket; 1: secure WebSocket; 2: plain TCP. */
  private static MqttBroker broker;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.generate(certificatesDirectory);
    trustingCa = BrokerTestTls.trustingCa(certificates);
    broker = MqttBroker.builder()
        .listener(MqttListener.webSocket("127.0.0.1", 0))
        .listener(MqttListener.secureWebSocket("127.0.0.1", 0,
            ListenerTls.pem(certificates.serverCertificate(), certificates.serverKey())))
        .listener(MqttListener.tcp("127.0.0.1", 0))
        .build().start();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static int port(int listener) {
    return broker.boundAddresses().get(listener).getPort();
  }

  /** The listener's URI with host localhost, the name the server certificate carries. */
  private static String localhostUri(int listener) {
    return broker.uri(listener).replace("127.0.0.1", "localhost");
  }

  @Test
  void uris_nameSchemeAndPath() {
    assertThat(broker.uri(0)).isEqualTo("ws://127.0.0.1:" + port(0) + "/mqtt");
    assertThat(broker.uri(1)).isEqualTo("wss://127.0.0.1:" + port(1) + "/mqtt");
    assertThat(broker.uri(2)).isEqualTo("tcp://127.0.0.1:" + port(2));
  }

  @ParameterizedTest(name = "wss={0}")
  @ValueSource(booleans = {false, true})
  void pahoV3_overWebSocket_eachQosRoundTrips(boolean secure) throws Exception {
    PahoV3RoundTrips.eachQos(localhostUri(secure ? 1 : 0), "paho3-ws-" + secure,
        secure ? trustingCa.getSocketFactory() : null, "paho3/ws/" + secure);
  }

  @ParameterizedTest(name = "wss={0}")
  @ValueSource(booleans = {false, true})
  void pahoV5_overWebSocket_eachQosRoundTrips_reachesTcpSubscriber(boolean secure)
      throws Exception {
    int listener = secure ? 1 : 0;
    String topic = "paho5/ws/" + secure;
    try (PahoV5Client client = new PahoV5Client(localhostUri(listener), "paho5-ws-" + secure);
        PahoV5Client overTcp = new PahoV5Client(broker.uri(2), "paho5-tcp-" + secure)) {
      MqttConnectionOptions options = PahoV5Client.options(true, 0);
      if (secure) {
        options.setSocketFactory(trustingCa.getSocketFactory());
      }
      client.connect(options);
      overTcp.connect();
      client.client.subscribe(topic, 2).waitForCompletion(10_000);
      overTcp.client.subscribe(topic, 2).waitForCompletion(10_000);
      for (int qos = 0; qos <= 2; qos++) {
        client.client.publish(topic, ("qos " + qos).getBytes(StandardCharsets.UTF_8), qos, false)
            .waitForCompletion(10_000);
        PahoV5Client.Received echo = client.next();
        assertThat(echo.payload()).isEqualTo("qos " + qos);
        assertThat(echo.message().getQos()).isEqualTo(qos);
        assertThat(overTcp.next().payload()).isEqualTo("qos " + qos);
      }
    }
  }

  @ParameterizedTest(name = "wss={0}")
  @ValueSource(booleans = {false, true})
  void hiveMqClient_overWebSocket_eachQosRoundTrips(boolean secure) throws Exception {
    Mqtt5ClientBuilder builder = Mqtt5Client.builder().identifier("hive-ws-" + secure)
        .serverHost("localhost").serverPort(port(secure ? 1 : 0))
        .webSocketConfig().serverPath("mqtt").subprotocol("mqtt").applyWebSocketConfig();
    if (secure) {
      builder = builder.sslConfig()
          .trustManagerFactory(KeyMaterial.trustPem(certificates.caCertificate()))
          .applySslConfig();
    }
    Mqtt5BlockingClient client = builder.buildBlocking();
    client.connect();
    String topic = "hive/ws/" + secure;
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        client.publishes(MqttGlobalPublishFilter.ALL)) {
      client.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
      for (MqttQos qos : MqttQos.values()) {
        client.publishWith().topic(topic).qos(qos).payload(qos.name().getBytes()).send();
        Mqtt5Publish received = publishes.receive(WAIT_SECONDS, TimeUnit.SECONDS).orElseThrow();
        assertThat(new String(received.getPayloadAsBytes())).isEqualTo(qos.name());
        assertThat(received.getQos()).isEqualTo(qos);
      }
    } finally {
      client.disconnect();
    }
  }

  @Test
  void ownClient_overWebSocket_eachQosRoundTrips() throws Exception {
    BlockingQueue<MqttReceivedMessage> received = new LinkedBlockingQueue<>();
    try (MqttClient client = MqttClient.builder().serverUri(broker.uri(0))
        .version(MqttVersion.V5).clientId("own-ws")
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
      client.connect().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
      client.subscribe(MqttSubscription.of("own/ws", dev.mqttbridge.mqtt.MqttQos.EXACTLY_ONCE),
          received::add).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
      for (int qos = 0; qos <= 2; qos++) {
        client.publish(MqttMessage.builder("own/ws").qos(qos).payload("qos " + qos).build())
            .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        MqttReceivedMessage message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(message).as("QoS %d message", qos).isNotNull();
        assertThat(message.message().payloadAsString()).isEqualTo("qos " + qos);
        assertThat(message.message().qos().code()).isEqualTo(qos);
      }
      client.disconnect().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }
  }

  @Test
  void ownClient_overSecureWebSocket_qos1RoundTrips() throws Exception {
    BlockingQueue<MqttReceivedMessage> received = new LinkedBlockingQueue<>();
    try (MqttClient client = MqttClient.builder().serverUri(localhostUri(1))
        .version(MqttVersion.V5).clientId("own-wss")
        .tls(MqttTlsConfig.builder().trustedCertificates(certificates.caCertificate()).build())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
      client.connect().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
      client.subscribe(MqttSubscription.of("own/wss", dev.mqttbridge.mqtt.MqttQos.AT_LEAST_ONCE),
          received::add).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
      client.publish(MqttMessage.builder("own/wss").qos(1).payload("secure").build())
          .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
      MqttReceivedMessage message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(message).isNotNull();
      assertThat(message.message().payloadAsString()).isEqualTo("secure");
    }
  }

  @Test
  void packetsSplitAcrossFramesAndPackedIntoOne_areReassembled() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open("127.0.0.1", port(0)).upgrade()) {
      byte[] connect = RawMqttSocket.connectPacket("raw-frames", 60);
      // CONNECT in a binary frame and a continuation frame, cut inside the client id.
      socket.frame(RawWebSocket.BINARY, false, slice(connect, 0, 7))
          .frame(RawWebSocket.CONTINUATION, true, slice(connect, 7, connect.length));
      assertThat(socket.packet()).containsExactly(0x20, 0x02, 0x00, 0x00);

      byte[] subscribe = RawMqttSocket.subscribePacket(1, "raw/frames", 1);
      byte[] publish = RawMqttSocket.publishPacket("raw/frames", 1, 2, "packed".getBytes());
      socket.binary(subscribe, publish); // two packets in one frame
      assertThat(socket.packet()).containsExactly(0x90, 0x03, 0x00, 0x01, 0x01); // SUBACK
      assertPubackAndPublish(socket, "packed");

      byte[] split = RawMqttSocket.publishPacket("raw/frames", 1, 3, "split".getBytes());
      // A packet over two whole binary messages: frame boundaries mean nothing to MQTT.
      socket.binary(slice(split, 0, 1)).binary(slice(split, 1, split.length));
      assertPubackAndPublish(socket, "split");
    }
  }

  @Test
  void textFrame_closesWithStatus1003() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open("127.0.0.1", port(0)).upgrade()) {
      socket.binary(RawMqttSocket.connectPacket("raw-text", 60));
      assertThat(socket.packet()).startsWith(0x20);
      socket.frame(RawWebSocket.TEXT, true, "hello".getBytes());

      byte[] close = socket.readFrame();
      assertThat(socket.lastOpcode()).isEqualTo(RawWebSocket.CLOSE);
      assertThat(((close[0] & 0xFF) << 8) | (close[1] & 0xFF)).isEqualTo(1003);
      assertThat(socket.closedWithin(10_000)).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "unknownPath=404", "noSubprotocol=400", "otherSubprotocol=400", "post=405",
      "noUpgrade=426", "garbage=400"})
  void badUpgradeRequest_refusedWithHttpError_thenClosed_brokerServesOthers(String testCase)
      throws Exception {
    String request = switch (testCase.substring(0, testCase.indexOf('='))) {
      case "unknownPath" -> RawWebSocket.upgradeRequest("/other", "mqtt");
      case "noSubprotocol" -> RawWebSocket.upgradeRequest("/mqtt", null);
      case "otherSubprotocol" -> RawWebSocket.upgradeRequest("/mqtt", "chat, superchat");
      case "post" -> RawWebSocket.upgradeRequest("/mqtt", "mqtt").replace("GET", "POST");
      case "noUpgrade" -> "GET /mqtt HTTP/1.1\r\nHost: localhost\r\n\r\n";
      default -> "\u0010\u0001 not http at all\r\n\r\n";
    };
    String status = testCase.substring(testCase.indexOf('=') + 1);
    try (RawWebSocket socket = RawWebSocket.open("127.0.0.1", port(0))) {
      socket.sendText(request);
      assertThat(socket.responseHead()).startsWith("HTTP/1.1 " + status + " ")
          .contains("connection: close");
      assertThat(socket.closedWithin(10_000)).isTrue();
    }
    try (RawWebSocket good = RawWebSocket.open("127.0.0.1", port(0)).upgrade()) {
      good.binary(RawMqttSocket.connectPacket("after-" + status, 60));
      assertThat(good.packet()).containsExactly(0x20, 0x02, 0x00, 0x00);
    }
  }

  @Test
  void upgradeRequestNeverFinished_closedAtConnectTimeout() throws Exception {
    try (MqttBroker strict = strictWebSocketBroker();
        RawWebSocket socket = RawWebSocket.open("127.0.0.1", strict.port())) {
      socket.sendText("GET /mqtt HTTP/1.1\r\nHost: localhost\r\n"); // no blank line, ever
      assertThat(socket.closedWithin(15_000)).isTrue();
    }
  }

  @Test
  void upgradedButNoConnect_closedAtConnectTimeout() throws Exception {
    try (MqttBroker strict = strictWebSocketBroker();
        RawWebSocket socket = RawWebSocket.open("127.0.0.1", strict.port()).upgrade()) {
      assertThat(socket.closedWithin(15_000)).isTrue();
    }
  }

  @Test
  void frameOfLargestPacketPlusHeadroom_everyPacketInItHandled() throws Exception {
    try (MqttBroker strict = strictWebSocketBroker();
        RawWebSocket socket = RawWebSocket.open("127.0.0.1", strict.port()).upgrade()) {
      socket.binary(RawMqttSocket.connectPacket("raw-headroom", 60));
      assertThat(socket.packet()).containsExactly(0x20, 0x02, 0x00, 0x00);

      // One frame as large as accepted: a PUBLISH of the largest size, then the 64 KiB headroom
      // filled with another PUBLISH and a PINGREQ.
      byte[] pingreq = {(byte) 0xC0, 0x00};
      socket.binary(publishOfSize(STRICT_MAXIMUM_PACKET, 1),
          publishOfSize(FRAME_HEADROOM - pingreq.length, 2), pingreq);

      assertThat(socket.packet()).containsExactly(0x40, 0x02, 0x00, 0x01);
      assertThat(socket.packet()).containsExactly(0x40, 0x02, 0x00, 0x02);
      assertThat(socket.packet()).containsExactly(0xD0, 0x00);
    }
  }

  @Test
  void frameOneByteAboveLargestPacketPlusHeadroom_closed1009FromItsHeaderAlone()
      throws Exception {
    try (MqttBroker strict = strictWebSocketBroker();
        RawWebSocket socket = RawWebSocket.open("127.0.0.1", strict.port()).upgrade()) {
      socket.binaryHeaderOnly(STRICT_MAXIMUM_PACKET + FRAME_HEADROOM + 1); // no payload follows

      byte[] close = socket.readFrame();
      assertThat(socket.lastOpcode()).isEqualTo(RawWebSocket.CLOSE);
      assertThat(((close[0] & 0xFF) << 8) | (close[1] & 0xFF)).isEqualTo(1009);
      assertThat(socket.closedWithin(10_000)).isTrue();
    }
  }

  /** A QoS 1 PUBLISH to {@code nobody/listens} of exactly {@code size} bytes on the wire. */
  private static byte[] publishOfSize(int size, int packetId) {
    String topic = "nobody/listens";
    int lengthBytes = 1; // of the Remaining Length, 7 bits each
    while (size - 1 - lengthBytes >= 1 << (7 * lengthBytes)) {
      lengthBytes++;
    }
    int payload = size - 1 - lengthBytes - 2 - topic.length() - 2;
    byte[] packet = RawMqttSocket.publishPacket(topic, 1, packetId, new byte[payload]);
    assertThat(packet).hasSize(size);
    return packet;
  }

  /** A WebSocket listener with a 1 s connect timeout and {@link #STRICT_MAXIMUM_PACKET}. */
  private static MqttBroker strictWebSocketBroker() {
    return MqttBroker.builder().listener(MqttListener.webSocket("127.0.0.1", 0))
        .connectTimeout(Duration.ofSeconds(1)).maximumPacketSize(STRICT_MAXIMUM_PACKET).build()
        .start();
  }

  private static void assertPubackAndPublish(RawWebSocket socket, String payload)
      throws Exception {
    // The PUBACK and the PUBLISH to our own subscription may come in either order.
    byte[] first = socket.packet();
    byte[] second = socket.packet();
    byte[] publish = (first[0] & 0xF0) == 0x30 ? first : second;
    byte[] puback = publish == first ? second : first;
    assertThat(puback[0] & 0xFF).isEqualTo(0x40);
    assertThat(new String(publish, StandardCharsets.UTF_8)).endsWith(payload);
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }
}
