package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared suite against Mosquitto (durable profile), plus a broker restart. */
class MosquittoMqttComponentIT extends AbstractMqttComponentIT {

  private static MosquittoBroker mosquitto;

  @BeforeAll
  static void startMosquitto() {
    mosquitto = MosquittoBroker.start(
        MosquittoConfig.builder().durable().user("camel", "s3cret").build());
  }

  @AfterAll
  static void stopMosquitto() {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  @Override
  protected String brokerUri() {
    return mosquitto.uri();
  }

  @Test
  void brokerRestart_mqtt5Consumer_reconnectsAndResubscribesWithoutRouteRestart_nothingLost()
      throws Exception {
    // Mosquitto 2.0.11 drops, on restart, a persisted session whose last CONNECT had clean start
    // set, whatever its expiry: cleanStart=false keeps it.
    assertNothingLostAcrossRestart("restart5",
        "clientId=camel-restart5&cleanStart=false&sessionExpiryInterval=300");
  }

  @Test
  void brokerRestart_mqtt311Consumer_reconnectsAndResubscribesWithoutRouteRestart_nothingLost()
      throws Exception {
    assertNothingLostAcrossRestart("restart311",
        "clientId=camel-restart311&mqttVersion=3.1.1&cleanStart=false");
  }

  /** At least once: every message arrives; duplicates (unacknowledged at the restart) may. */
  private void assertNothingLostAcrossRestart(String prefix, String options) throws Exception {
    Set<String> consumed = ConcurrentHashMap.newKeySet();
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:" + prefix + "/{n}?maxReconnectDelay=1000&" + options).routeId(prefix)
            .process(exchange -> consumed.add(exchange.getIn().getBody(String.class)));
      }
    });
    List<String> before = IntStream.range(0, 50).mapToObj(i -> "b" + i).toList();
    List<String> after = IntStream.range(0, 50).mapToObj(i -> "a" + i).toList();
    publishAll(prefix, before);
    await().atMost(WAIT).until(() -> consumed.containsAll(before));

    mosquitto.restart();
    // Published while the consumer is still reconnecting: the persisted session queues them.
    publishAll(prefix, after);
    await().atMost(WAIT).untilAsserted(() -> assertThat(consumed).containsAll(after));
    assertThat(context.getRouteController().getRouteStatus(prefix).isStarted()).isTrue();
  }

  @Test
  void credentials_valid_producerPublishes() throws Exception {
    BlockingQueue<MqttReceivedMessage> received = subscribe(peer(MqttVersion.V5), "secure/#");
    template.sendBody("mqtt:secure/out?userName=camel&password=RAW(s3cret)", "authenticated");
    MqttReceivedMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(message).isNotNull();
    assertThat(message.message().payloadAsString()).isEqualTo("authenticated");
  }

  @Test
  void credentials_wrongPassword_routeStartsAndHealthSaysWhy() throws Exception {
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:secure/in?userName=camel&password=RAW(wrong)").routeId("refused")
            .to("mock:refused");
      }
    });
    HealthCheck.Result result =
        HealthCheckHelper.invoke(context, "consumer:refused", Map.of()).orElseThrow();
    assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
    assertThat(result.getMessage()).hasValueSatisfying(
        message -> assertThat(message).startsWith("Not connected: "));
    assertThat(result.getError()).isPresent();
  }

  private void publishAll(String prefix, List<String> bodies) {
    // A fresh publisher each time: the broker restart ends earlier connections.
    MqttClient publisher = peer(MqttVersion.V5);
    for (int i = 0; i < bodies.size(); i++) {
      publisher.publish(MqttMessage.builder(prefix + "/" + i).payload(bodies.get(i)).qos(1).build())
          .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }
  }
}
