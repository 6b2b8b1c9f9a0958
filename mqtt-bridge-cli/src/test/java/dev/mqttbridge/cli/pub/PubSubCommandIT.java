package dev.mqttbridge.cli.pub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.test.mosquitto.ClientProcess;
import dev.mqttbridge.test.mosquitto.ClientResult;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoClients;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mqtt-bridge pub} and {@code sub} in-process against Mosquitto, cross-checked with its CLI. */
class PubSubCommandIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static MosquittoBroker broker;
  private static MosquittoClients mosquitto;

  @BeforeAll
  static void startBroker() {
    broker = MosquittoBroker.start();
    mosquitto = MosquittoClients.of(broker);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }



  private static String[] withBroker(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = args[0];
    all[1] = "-h";
    all[2] = broker.host();
    all[3] = "-p";
    all[4] = Integer.toString(broker.port());
    System.arraycopy(args, 1, all, 5, args.length - 1);
    return all;
  }

  private static ClientProcess mosquittoSub(String... args) {
    ClientProcess sub = mosquitto.startSub(args);
    sub.awaitOutput("received SUBACK", WAIT);
    return sub;
  }

  @Test
  void pubQos1_receivedByMosquittoSub_exitZero() {
    ClientProcess sub = mosquittoSub("-d", "-C", "1", "-v", "-t", "cli/pub");
    CliRun run = CliRun.of(withBroker("pub", "-t", "cli/pub", "-m", "hello", "-q", "1"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    ClientResult result = sub.awaitExit(WAIT);
    assertThat(result.stdout()).contains("cli/pub hello");
  }

  @Test
  void pubLines_oneMessagePerStdinLine_mqtt5() {
    ClientProcess sub = mosquittoSub("-d", "-V", "5", "-C", "3", "-t", "cli/lines");
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8)));
      CliRun run = CliRun.of(withBroker("pub", "-V", "5", "-q", "2", "-t", "cli/lines", "-l"));
      assertThat(run.exitCode()).as(run.err()).isZero();
    } finally {
      System.setIn(stdin);
    }
    assertThat(sub.awaitExit(WAIT).stdout()).contains("one", "two", "three");
  }

  @Test
  void pubUrlForm_andUserProperty_mqtt5() throws Exception {
    CompletableFuture<MqttReceivedMessage> received = new CompletableFuture<>();
    try (MqttClient observer = MqttClient.builder().serverUri(broker.uri()).build()) {
      observer.connect().join();
      observer.subscribe(MqttSubscription.of("cli/url", MqttQos.AT_LEAST_ONCE),
          received::complete).join();
      CliRun run = CliRun.of("pub", "-V", "5", "-L",
          "mqtt://" + broker.host() + ":" + broker.port() + "/cli/url", "-m", "via url",
          "-D", "publish", "user-property", "origin", "cli");
      assertThat(run.exitCode()).as(run.err()).isZero();
      MqttReceivedMessage message = received.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(message.message().payloadAsString()).isEqualTo("via url");
      assertThat(message.message().userProperties())
          .containsExactly(MqttUserProperty.of("origin", "cli"));
    }
  }

  @Test
  void subCountAndVerbose_printsTopicAndPayload_fromMosquittoPubRetained_exitZero() {
    mosquitto.pub("-r", "-q", "1", "-t", "cli/sub/a", "-m", "first").requireSuccess();
    mosquitto.pub("-r", "-q", "1", "-t", "cli/sub/b", "-m", "second").requireSuccess();
    CliRun run = CliRun.of(withBroker("sub", "-t", "cli/sub/a", "-t", "cli/sub/b", "-C", "2", "-v",
        "-q", "1", "-W", "20", "-V", "311"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactlyInAnyOrder("cli/sub/a first", "cli/sub/b second");
    mosquitto.pub("-r", "-t", "cli/sub/a", "-n").requireSuccess();
    mosquitto.pub("-r", "-t", "cli/sub/b", "-n").requireSuccess();
  }

  @Test
  void subPersistentSession_mqtt31_getsMessagesPublishedWhileAway() {
    CliRun first = CliRun.of(withBroker("sub", "-V", "31", "-c", "-i", "cli-persistent", "-q", "1",
        "-t", "cli/away", "-W", "1"));
    assertThat(first.exitCode()).isEqualTo(27);
    mosquitto.pub("-q", "1", "-t", "cli/away", "-m", "while away").requireSuccess();
    CliRun second = CliRun.of(withBroker("sub", "-V", "31", "-c", "-i", "cli-persistent", "-q", "1",
        "-t", "cli/away", "-C", "1", "-W", "20"));
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo("while away" + System.lineSeparator());
  }

  @Test
  void subTimeout_exit27() {
    CliRun run = CliRun.of(withBroker("sub", "-t", "cli/nothing", "-W", "1"));
    assertThat(run.exitCode()).isEqualTo(27);
  }

  @Test
  void unreachableBroker_nonZeroWithOneLineReason() {
    CliRun run = CliRun.of("pub", "-h", "127.0.0.1", "-p", "1", "-t", "x", "-m", "y");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines()).singleElement().asString().startsWith("Error: Cannot connect");
  }

  @Test
  void badUsage_nonZeroWithReason() {
    assertThat(CliRun.of("pub", "-t", "x").err()).contains("Give exactly one of -m MESSAGE, -f FILE, -n or -l");
    CliRun missingId = CliRun.of(withBroker("sub", "-c", "-t", "x"));
    assertThat(missingId.exitCode()).isEqualTo(1);
    assertThat(missingId.err()).isEqualTo("Error: -c needs a client id: -i ID"
        + System.lineSeparator());
    assertThat(CliRun.of("pub", "--no-such-flag").exitCode()).isNotZero();
    assertThat(CliRun.of(withBroker("pub", "-t", "x", "-m", "y", "-D", "publish", "user-property",
        "a", "b")).err()).contains("-D properties need -V 5");
  }

  @Test
  void versionSpellings_acceptedAsMosquittoSpellsThem() {
    for (String version : new String[] {"5", "311", "31", "mqttv5", "3.1.1"}) {
      CliRun run = CliRun.of(withBroker("pub", "-V", version, "-i", "v" + version.replace('.', '-'),
          "-t", "cli/v", "-m", "x"));
      assertThat(run.exitCode()).as(version + ": " + run.err()).isZero();
    }
    assertThat(MqttVersion.fromString("31")).isEqualTo(MqttVersion.V3_1);
  }
}
