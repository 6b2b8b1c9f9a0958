package dev.mqttbridge.benchmarks.client;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Our client, MQTT 5, with the harness's inflight window. */
final class OurClient implements BenchmarkClient {

  private final int inflightWindow;
  private MqttClient client;

  OurClient(int inflightWindow) {
    this.inflightWindow = inflightWindow;
  }

  @Override
  public String name() {
    return "mqtt-bridge";
  }

  @Override
  public void connect(String host, int port, String clientId) {
    client = MqttClient.builder().serverUri("tcp://" + host + ":" + port).version(MqttVersion.V5)
        .clientId(clientId).inflightWindow(inflightWindow).maximumPendingPublishes(inflightWindow)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build();
    client.connect().join();
  }

  @Override
  public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) {
    client.subscribe(MqttSubscription.of(topic, MqttQos.of(qos)),
        message -> onMessage.accept(message.message().payload())).join();
  }

  @Override
  public CompletableFuture<?> publish(String topic, int qos, byte[] payload) {
    return client.publish(MqttMessage.builder(topic).qos(qos).payload(payload).build());
  }

  @Override
  public void close() {
    if (client == null) {
      return;
    }
    client.close();
  }
}
