package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import dev.mqttbridge.test.mosquitto.ClientProcess;
import dev.mqttbridge.test.mosquitto.ClientResult;
import dev.mqttbridge.test.mosquitto.MosquittoClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mosquitto_pub and mosquitto_sub (Mosquitto 2.0) against the embedded broker. */
class MosquittoClientsBrokerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();

  private static MosquittoClients clients() {
    return MosquittoClients.of(BROKER.host(), BROKER.port());
  }

  @ParameterizedTest(name = "-V {0}")
  @ValueSource(strings = {"mqttv31", "mqttv311", "5"})
  void publishAndSubscribe_eachProtocolVersion_qos0To2(String version) {
    MosquittoClients clients = clients();
    String topic = "mosq/" + version;
    try (ClientProcess sub = clients.startSub("-V", version, "-d", "-q", "2", "-t", topic + "/#",
        "-C", "3", "-v")) {
      sub.awaitOutput("received SUBACK", TIMEOUT);
      for (int qos = 0; qos <= 2; qos++) {
        clients.pub("-V", version, "-q", Integer.toString(qos), "-t", topic + "/" + qos, "-m",
            "m" + qos).requireSuccess();
      }
      assertThat(sub.awaitExit(TIMEOUT).requireSuccess().stdoutLines())
          .contains(topic + "/0 m0", topic + "/1 m1", topic + "/2 m2");
    }
  }

  @Test
  void systemTopic_notMatchedByHash_matchedByExplicitDollarFilter() {
    MosquittoClients clients = clients();
    try (ClientProcess everything = clients.startSub("-V", "5", "-d", "-t", "#", "-v");
         ClientProcess system = clients.startSub("-V", "5", "-d", "-t", "$SYS/#", "-C", "1",
             "-v")) {
      everything.awaitOutput("received SUBACK", TIMEOUT);
      system.awaitOutput("received SUBACK", TIMEOUT);

      clients.pub("-V", "5", "-t", "$SYS/broker/uptime", "-m", "42").requireSuccess();
      clients.pub("-V", "5", "-t", "plain/after", "-m", "marker").requireSuccess();

      assertThat(system.awaitExit(TIMEOUT).requireSuccess().stdoutLines())
          .contains("$SYS/broker/uptime 42");
      everything.awaitOutput("plain/after marker", TIMEOUT);
      assertThat(everything.stdoutSoFar()).doesNotContain("$SYS/broker/uptime");
    }
  }

  @Test
  void retainedMessage_deliveredToLaterSubscriberWithRetainFlag() {
    MosquittoClients clients = clients();
    clients.pub("-V", "mqttv311", "-q", "1", "-r", "-t", "mosqret/t", "-m", "kept")
        .requireSuccess();

    ClientResult later = clients.sub(TIMEOUT, "-V", "5", "-t", "mosqret/#", "-C", "1", "-F",
        "%t %p retain=%r");

    assertThat(later.requireSuccess().stdoutLines()).containsExactly("mosqret/t kept retain=1");
  }

  @Test
  void subscriberKilled_willPublished() throws Exception {
    MosquittoClients clients = clients();
    try (ClientProcess watcher = clients.startSub("-V", "mqttv311", "-d", "-t", "mosqwill/#",
             "-C", "1", "-v");
         ClientProcess doomed = clients.startSub("-V", "5", "-d", "-t", "nothing",
             "--will-topic", "mosqwill/doomed", "--will-payload", "died")) {
      watcher.awaitOutput("received SUBACK", TIMEOUT);
      doomed.awaitOutput("received SUBACK", TIMEOUT);

      ProcessHandle.of(doomed.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL

      assertThat(watcher.awaitExit(TIMEOUT).requireSuccess().stdoutLines())
          .contains("mosqwill/doomed died");
    }
  }

  @Test
  void persistentSession_messagesQueuedWhileOfflineDeliveredOnReconnect() {
    MosquittoClients clients = clients();
    clients.sub(TIMEOUT, "-V", "5", "-i", "mosq-persistent", "-c", "-x", "600", "-q", "1",
        "-t", "mosqoff/#", "-W", "1");
    clients.pub("-V", "5", "-q", "1", "-t", "mosqoff/a", "-m", "while-offline").requireSuccess();

    ClientResult back = clients.sub(TIMEOUT, "-V", "5", "-i", "mosq-persistent", "-c", "-x",
        "600", "-q", "1", "-t", "mosqoff/#", "-C", "1", "-v");

    assertThat(back.requireSuccess().stdoutLines()).containsExactly("mosqoff/a while-offline");
  }
}
