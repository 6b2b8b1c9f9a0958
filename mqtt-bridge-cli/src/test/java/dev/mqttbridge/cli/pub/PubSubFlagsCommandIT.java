package dev.mqttbridge.cli.pub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.mqtt.broker.MqttListener;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import dev.mqttbridge.test.Ports;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoClients;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pub / sub flags that follow mosquitto_pub / mosquitto_sub: {@code -x}, {@code -f}, {@code -N},
 * {@code -R}, {@code -d}, {@code -D subscribe user-property} against Mosquitto, and {@code -L ws://}
 * against our own broker's WebSocket listener (Debian's Mosquitto has none).
 */
class PubSubFlagsCommandIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static MosquittoBroker broker;
  private static MosquittoClients mosquitto;
  private static MqttBroker webSocketBroker;

  @BeforeAll
  static void startBrokers() throws Exception {
    broker = MosquittoBroker.start();
    mosquitto = MosquittoClients.of(broker);
    webSocketBroker = MqttBroker.builder().listener(MqttListener.webSocket(Ports.LOOPBACK, 0))
        .build().start();
  }

  @AfterAll
  static void stopBrokers() {
    if (webSocketBroker != null) {
      webSocketBroker.close();
    }
    broker.close();
  }




  private static String[] withBroker(String command, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = command;
    all[1] = "-h";
    all[2] = broker.host();
    all[3] = "-p";
    all[4] = Integer.toString(broker.port());
    System.arraycopy(args, 0, all, 5, args.length);
    return all;
  }

  private static MqttClient observer(String topic, CompletableFuture<MqttReceivedMessage> into) {
    MqttClient observer = MqttClient.builder().serverUri(broker.uri())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    observer.connect().join();
    observer.subscribe(MqttSubscription.of(topic, MqttQos.AT_LEAST_ONCE), into::complete).join();
    return observer;
  }

  @Test
  void subPersistentSession_x0_sessionEndsAtDisconnect_x60_keepsIt() {
    for (String expiry : List.of("0", "60")) {
      String id = "cli-x-" + expiry;
      String topic = "cli/x/" + expiry;
      CliRun first = CliRun.of(withBroker("sub", "-V", "5", "-c", "-x", expiry, "-i", id, "-q", "1",
          "-t", topic, "-W", "1"));
      assertThat(first.exitCode()).as(first.err()).isEqualTo(27);
      mosquitto.pub("-q", "1", "-t", topic, "-m", "while away").requireSuccess();
      CliRun second = CliRun.of(withBroker("sub", "-V", "5", "-c", "-x", expiry, "-i", id, "-q", "1",
          "-t", topic, "-C", "1", "-W", expiry.equals("0") ? "2" : "20"));
      if (expiry.equals("0")) {
        assertThat(second.exitCode()).as("session gone: nothing waits").isEqualTo(27);
        assertThat(second.out()).isEmpty();
      } else {
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("while away" + System.lineSeparator());
      }
    }
  }

  @Test
  void x_needsMqtt5_andANumber() {
    CliRun v311 = CliRun.of(withBroker("pub", "-x", "60", "-t", "cli/x", "-m", "m"));
    assertThat(v311.exitCode()).isEqualTo(1);
    assertThat(v311.err().strip()).isEqualTo("Error: -x (session expiry) needs -V 5");
    CliRun bad = CliRun.of(withBroker("pub", "-V", "5", "-x", "soon", "-t", "cli/x", "-m", "m"));
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("-x must be 0 to 4294967295 seconds or -1: soon");
  }

  @Test
  void pubFile_sendsTheFileBytesAsTheyAre(@TempDir Path folder) throws Exception {
    byte[] bytes = {0, (byte) 0xFF, 'a', '\n', 'b', '\n'};
    Path file = Files.write(folder.resolve("payload.bin"), bytes);
    CompletableFuture<MqttReceivedMessage> received = new CompletableFuture<>();
    try (MqttClient observer = observer("cli/file", received)) {
      CliRun run = CliRun.of(withBroker("pub", "-q", "1", "-t", "cli/file", "-f", file.toString()));
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(received.get(WAIT.toSeconds(), TimeUnit.SECONDS).message().payload())
          .isEqualTo(bytes);
    }
    CliRun missing = CliRun.of(withBroker("pub", "-t", "cli/file", "-f", folder.resolve("none").toString()));
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("Cannot read -f").contains("no such file");
    CliRun twoSources = CliRun.of(withBroker("pub", "-t", "cli/file", "-f", file.toString(), "-m", "x"));
    assertThat(twoSources.exitCode()).isEqualTo(1);
    assertThat(twoSources.err()).contains("exactly one of -m MESSAGE, -f FILE, -n or -l");
  }

  @Test
  void subNoEndOfLine_printsPayloadsBackToBack() {
    mosquitto.pub("-r", "-q", "1", "-t", "cli/n/a", "-m", "first").requireSuccess();
    mosquitto.pub("-r", "-q", "1", "-t", "cli/n/b", "-m", "second").requireSuccess();
    try {
      CliRun run = CliRun.of(withBroker("sub", "-N", "-t", "cli/n/#", "-C", "2", "-q", "1", "-W", "20"));
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).isIn("firstsecond", "secondfirst");
    } finally {
      mosquitto.pub("-r", "-t", "cli/n/a", "-n").requireSuccess();
      mosquitto.pub("-r", "-t", "cli/n/b", "-n").requireSuccess();
    }
  }

  @Test
  void subNoStale_skipsRetained_printsLiveOne_andDebugShowsTheFlow() throws Exception {
    mosquitto.pub("-r", "-q", "1", "-t", "cli/r", "-m", "stale").requireSuccess();
    try {
      StringWriter out = new StringWriter();
      CompletableFuture<CliRun> sub = CompletableFuture.supplyAsync(() -> CliRun.of(out, withBroker("sub",
          "-d", "-R", "-i", "cli-stale", "-t", "cli/r", "-C", "1", "-q", "1", "-W", "20")));
      await().atMost(WAIT).until(() -> out.toString().contains("received SUBACK"));
      mosquitto.pub("-q", "1", "-t", "cli/r", "-m", "live").requireSuccess();
      CliRun run = sub.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(run.exitCode()).as(run.err()).isZero();
      List<String> lines = run.out().lines().toList();
      assertThat(lines).contains("live").doesNotContain("stale");
      assertThat(lines).startsWith("Client cli-stale sending CONNECT",
          "Client cli-stale received CONNACK (0)",
          "Client cli-stale sending SUBSCRIBE (Topic: cli/r, QoS: 1)",
          "Client cli-stale received SUBACK");
      assertThat(lines).contains("Client cli-stale received PUBLISH (d0, q1, r1, 'cli/r', ... (5 bytes))",
          "Client cli-stale received PUBLISH (d0, q1, r0, 'cli/r', ... (4 bytes))");
      assertThat(lines).endsWith("Client cli-stale sending DISCONNECT");
    } finally {
      mosquitto.pub("-r", "-t", "cli/r", "-n").requireSuccess();
    }
  }

  @Test
  void pubDebug_printsMosquittoStyleLines() {
    CliRun run = CliRun.of(withBroker("pub", "-d", "-V", "5", "-i", "cli-debug", "-q", "1", "-t", "cli/d",
        "-m", "hello"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactly(
        "Client cli-debug sending CONNECT",
        "Client cli-debug received CONNACK (0)",
        "Client cli-debug sending PUBLISH (d0, q1, r0, 'cli/d', ... (5 bytes))",
        // 0x10: no matching subscribers, as Mosquitto answers a 5.0 publish nobody receives.
        "Client cli-debug received PUBACK (RC:16)",
        "Client cli-debug sending DISCONNECT");
    CliRun quiet = CliRun.of(withBroker("pub", "-q", "1", "-t", "cli/d", "-m", "hello"));
    assertThat(quiet.out()).as("no -d, no debug lines").isEmpty();
  }

  @Test
  void subSubscribeUserProperty_mqtt5_acceptedByMosquitto_andChecked() {
    mosquitto.pub("-r", "-q", "1", "-t", "cli/up", "-m", "with property").requireSuccess();
    try {
      CliRun run = CliRun.of(withBroker("sub", "-V", "5", "-D", "subscribe", "user-property", "origin",
          "cli", "-t", "cli/up", "-C", "1", "-q", "1", "-W", "20"));
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).isEqualTo("with property" + System.lineSeparator());
    } finally {
      mosquitto.pub("-r", "-t", "cli/up", "-n").requireSuccess();
    }
    CliRun v311 = CliRun.of(withBroker("sub", "-D", "subscribe", "user-property", "k", "v", "-t", "x"));
    assertThat(v311.exitCode()).isEqualTo(1);
    assertThat(v311.err()).contains("-D properties need -V 5");
    CliRun other = CliRun.of(withBroker("sub", "-V", "5", "-D", "subscribe", "subscription-identifier",
        "5", "-t", "x"));
    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.err()).contains("Unsupported property -D subscribe subscription-identifier");
  }

  @Test
  void urlWebSocket_pubAndSubOverOurBrokersWebSocketListener() throws Exception {
    int webSocketPort = webSocketBroker.port();
    String url = "ws://127.0.0.1:" + webSocketPort + "/cli/ws";
    CompletableFuture<MqttReceivedMessage> received = new CompletableFuture<>();
    try (MqttClient observer = MqttClient.builder().serverUri(webSocketBroker.uri())
        .clientId("ws-observer").reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
      observer.connect().join();
      observer.subscribe(MqttSubscription.of("cli/ws", MqttQos.AT_LEAST_ONCE), received::complete)
          .join();
      CliRun pub = CliRun.of("pub", "-L", url, "-i", "cli-ws-pub", "-q", "1", "-m", "over websocket");
      assertThat(pub.exitCode()).as(pub.err()).isZero();
      assertThat(received.get(WAIT.toSeconds(), TimeUnit.SECONDS).message().payloadAsString())
          .isEqualTo("over websocket");

      observer.publish(MqttMessage.builder("cli/ws").qos(1).retain(true).payload("kept").build())
          .join();
      CliRun sub = CliRun.of("sub", "-L", url, "-i", "cli-ws-sub", "-q", "1", "-C", "1", "-W", "20");
      assertThat(sub.exitCode()).as(sub.err()).isZero();
      assertThat(sub.out()).isEqualTo("kept" + System.lineSeparator());
    }
  }
}
