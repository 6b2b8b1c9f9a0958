package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Eclipse Paho's MQTT 3.1.1 client publishing to its own subscription, for listener tests. */
final class PahoV3RoundTrips {

  private PahoV3RoundTrips() {}

  /**
   * Connects (3.1.1, clean session), subscribes to {@code topic} at QoS 2, and publishes one
   * message at each QoS, asserting each comes back with its payload and QoS within 30 s.
   *
   * @param socketFactory the TLS socket factory for {@code ssl://} and {@code wss://}, or null
   */
  static void eachQos(String uri, String clientId, SocketFactory socketFactory, String topic)
      throws Exception {
    BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
    MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {}

      @Override
      public void messageArrived(String arrivedOn, MqttMessage message) {
        received.add(message);
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    if (socketFactory != null) {
      options.setSocketFactory(socketFactory);
    }
    client.connect(options);
    try {
      client.subscribe(topic, 2);
      for (int qos = 0; qos <= 2; qos++) {
        client.publish(topic, ("qos " + qos).getBytes(StandardCharsets.UTF_8), qos, false);
        MqttMessage message = received.poll(30, TimeUnit.SECONDS);
        assertThat(message).as("QoS %d message", qos).isNotNull();
        assertThat(new String(message.getPayload(), StandardCharsets.UTF_8))
            .isEqualTo("qos " + qos);
        assertThat(message.getQos()).isEqualTo(qos);
      }
    } finally {
      client.disconnect();
      client.close();
    }
  }
}
