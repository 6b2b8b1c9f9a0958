package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run by {@link MqttClientPasswordLoggingIT} in its own JVM with every logger at TRACE: connects
 * with the right and a wrong password in each version, publishes, subscribes, reconnects, and logs
 * the options and the client the way an application would.
 */
public final class ClientPasswordLoggingProbe {

  private static final Logger LOG = LoggerFactory.getLogger(ClientPasswordLoggingProbe.class);

  private ClientPasswordLoggingProbe() {}

  /** Arguments: server URI, user name, the right password. */
  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String user = args[1];
    String password = args[2];
    for (MqttVersion version : MqttVersion.values()) {
      MqttClientBuilder builder = MqttClient.builder().serverUri(uri).version(version)
          .clientId("probe-" + version.ordinal()).username(user).password(password)
          .reconnectPolicy(MqttReconnectPolicy.DISABLED);
      LOG.info("Options: {}", builder.buildOptions());
      try (MqttClient client = builder.build()) {
        LOG.info("Client: {}", client);
        client.connect().get(10, TimeUnit.SECONDS);
        CompletableFuture<String> received = new CompletableFuture<>();
        client.subscribe(MqttSubscription.of("probe", MqttQos.EXACTLY_ONCE),
            message -> received.complete(message.message().payloadAsString())).join();
        client.publish(MqttMessage.builder("probe").qos(2).payload("hello").build()).join();
        LOG.info("Received {}", received.get(10, TimeUnit.SECONDS));
        client.disconnect().join();
      }
      try (MqttClient wrong = MqttClient.builder().serverUri(uri).version(version)
          .username(user).password(password + "-wrong")
          .reconnectPolicy(MqttReconnectPolicy.DISABLED).build()) {
        wrong.connect().join();
        throw new IllegalStateException("A wrong password was accepted");
      } catch (CompletionException expected) {
        LOG.info("Refused as expected", expected.getCause());
      }
    }
    System.out.println("PROBE DONE");
  }
}
