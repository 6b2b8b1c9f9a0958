package dev.mqttbridge.mqtt.broker;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** An Eclipse Paho MQTT 5 client that records what arrives. */
final class PahoV5Client implements AutoCloseable {

  /** A received message and its topic. */
  record Received(String topic, MqttMessage message) {
    String payload() {
      return new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  final MqttAsyncClient client;
  final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
  final BlockingQueue<MqttDisconnectResponse> disconnects = new LinkedBlockingQueue<>();

  PahoV5Client(String uri, String clientId) throws MqttException {
    client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void disconnected(MqttDisconnectResponse response) {
        disconnects.add(response);
      }

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Received(topic, message));
      }

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
  }

  static MqttConnectionOptions options(boolean cleanStart, long sessionExpiry) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(cleanStart);
    options.setSessionExpiryInterval(sessionExpiry);
    options.setAutomaticReconnect(false);
    return options;
  }

  IMqttToken connect(MqttConnectionOptions options) throws MqttException {
    IMqttToken token = client.connect(options);
    token.waitForCompletion(10_000);
    return token;
  }

  PahoV5Client connect() throws MqttException {
    connect(options(true, 0));
    return this;
  }

  Received next() throws InterruptedException {
    Received received = messages.poll(10, TimeUnit.SECONDS);
    if (received == null) {
      throw new AssertionError("no message within 10 s");
    }
    return received;
  }

  Received poll(long millis) throws InterruptedException {
    return messages.poll(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
    } catch (MqttException ignored) {
      // closing anyway
    }
    try {
      client.close(true);
    } catch (MqttException ignored) {
      // best effort
    }
  }
}
