package dev.mqttbridge.benchmarks.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Eclipse Paho 1.2.5 MQTT 5 asynchronous client, in-memory persistence. */
final class PahoClient implements BenchmarkClient {

  private MqttAsyncClient client;

  /** Paho has no window of its own: the harness's and Mosquitto's Receive Maximum bound it. */
  PahoClient(int inflightWindow) {}

  @Override
  public String name() {
    return "Paho 1.2.5";
  }

  @Override
  public void connect(String host, int port, String clientId) throws Exception {
    client = new MqttAsyncClient("tcp://" + host + ":" + port, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options).waitForCompletion(30_000);
  }

  @Override
  public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) throws Exception {
    // A client-wide callback: Paho 1.2.5's per-subscription listener overload fails without
    // subscription identifiers.
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String receivedTopic, MqttMessage message) {
        onMessage.accept(message.getPayload());
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    client.subscribe(new MqttSubscription(topic, qos)).waitForCompletion(30_000);
  }

  @Override
  public CompletableFuture<?> publish(String topic, int qos, byte[] payload) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    MqttMessage message = new MqttMessage(payload);
    message.setQos(qos);
    try {
      client.publish(topic, message, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          done.complete(null);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          done.completeExceptionally(failure);
        }
      });
    } catch (Exception e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  @Override
  public void close() throws Exception {
    if (client == null) {
      return;
    }
    client.disconnect().waitForCompletion(10_000);
    client.close();
  }
}
