package dev.mqttbridge.benchmarks.client;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The HiveMQ MQTT client 1.4.2, MQTT 5, asynchronous API. */
final class HiveMqClient implements BenchmarkClient {

  private final int inflightWindow;
  private Mqtt5AsyncClient client;

  HiveMqClient(int inflightWindow) {
    this.inflightWindow = inflightWindow;
  }

  @Override
  public String name() {
    return "HiveMQ 1.4.2";
  }

  @Override
  public void connect(String host, int port, String clientId) {
    client = Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port).buildAsync();
    client.connectWith().restrictions().sendMaximum(inflightWindow).applyRestrictions().send().join();
  }

  @Override
  public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) {
    client.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos))
        .callback(publish -> onMessage.accept(publish.getPayloadAsBytes())).send().join();
  }

  @Override
  public CompletableFuture<?> publish(String topic, int qos, byte[] payload) {
    return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send();
  }

  @Override
  public void close() {
    if (client == null) {
      return;
    }
    client.disconnect().join();
  }
}
