package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The component configured the Camel Main way: camel.component.mqtt.* properties. */
class MqttCamelMainIT {

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();

  @Test
  void camelMain_componentProperties_configureEveryEndpointAndRouteRuns() throws Exception {
    Main main = new Main();
    main.configure().addRoutesBuilder(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:main/in/{device}").setHeader(MqttConstants.OVERRIDE_TOPIC,
            simple("main/out/${header.device}")).to("mqtt:main/out");
      }
    });
    main.addInitialProperty("camel.component.mqtt.serverUris", BROKER.broker().uri());
    main.addInitialProperty("camel.component.mqtt.qos", "2");
    main.addInitialProperty("camel.component.mqtt.keep-alive-interval", "15");
    main.addInitialProperty("camel.component.mqtt.mqttVersion", "3.1.1");
    main.start();
    try (MqttClient peer = MqttClient.builder().serverUri(BROKER.broker().uri()).build()) {
      MqttConfiguration configuration =
          main.getCamelContext().getComponent("mqtt", MqttComponent.class).getConfiguration();
      assertThat(configuration.getServerUris()).isEqualTo(BROKER.broker().uri());
      assertThat(configuration.getQos()).isEqualTo(2);
      assertThat(configuration.getKeepAliveInterval()).isEqualTo(15);
      assertThat(configuration.getMqttVersion()).isEqualTo("3.1.1");

      peer.connect().orTimeout(20, TimeUnit.SECONDS).join();
      BlockingQueue<MqttReceivedMessage> received = new LinkedBlockingQueue<>();
      peer.subscribe(MqttSubscription.of("main/out/#", MqttQos.EXACTLY_ONCE), received::add)
          .orTimeout(20, TimeUnit.SECONDS).join();
      // QoS 2 survives only if the consumer subscribed with the component's qos=2.
      peer.publish(MqttMessage.builder("main/in/d7").payload("hello").qos(2).build()).orTimeout(20, TimeUnit.SECONDS).join();

      MqttReceivedMessage out = received.poll(20, TimeUnit.SECONDS);
      assertThat(out).isNotNull();
      assertThat(out.message().topic()).isEqualTo("main/out/d7");
      assertThat(out.message().payloadAsString()).isEqualTo("hello");
      assertThat(out.message().qos()).isEqualTo(MqttQos.EXACTLY_ONCE);
    } finally {
      main.stop();
    }
  }
}
