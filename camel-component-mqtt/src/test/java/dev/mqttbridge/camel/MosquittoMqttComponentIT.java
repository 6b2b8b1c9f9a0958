package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared suite against Mosquitto (durable profile), plus a broker restart. */
class MosquittoMqttComponentIT extends AbstractMqttComponentIT {

  private static MosquittoBroker mosquitto;

  @BeforeAll
  static void startMosquitto() {
    mosquitto = MosquittoBroker.start(MosquittoConfig.builder().durable().build());
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
  void brokerRestart_consumerReconnectsAndResubscribesWithoutRouteRestart_nothingLost()
      throws Exception {
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:restart/{n}?clientId=camel-restart&mqttVersion=3.1.1&cleanStart=false"
            + "&maxReconnectDelay=1000")
            .convertBodyTo(String.class).to("mock:restart");
      }
    });
    MockEndpoint consumed = getMockEndpoint("mock:restart");
    String[] before = IntStream.range(0, 50).mapToObj(i -> "b" + i).toArray(String[]::new);
    String[] after = IntStream.range(0, 50).mapToObj(i -> "a" + i).toArray(String[]::new);
    consumed.expectedBodiesReceivedInAnyOrder((Object[]) before);
    publishAll(before);
    consumed.assertIsSatisfied(WAIT.toMillis());

    mosquitto.restart();
    consumed.reset();
    // Published while the consumer is still reconnecting: the persisted session queues them.
    consumed.expectedBodiesReceivedInAnyOrder((Object[]) after);
    publishAll(after);
    consumed.assertIsSatisfied(WAIT.toMillis());
    assertThat(context.getRouteController().getRouteStatus(context.getRoutes().get(0).getId())
        .isStarted()).isTrue();
  }

  private void publishAll(String... bodies) {
    // A fresh publisher each time: the broker restart ends earlier connections.
    MqttClient publisher = peer(MqttVersion.V5);
    for (int i = 0; i < bodies.length; i++) {
      publisher.publish(MqttMessage.builder("restart/" + i).payload(bodies[i]).qos(1).build())
          .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }
  }
}
