package dev.mqttbridge.camel;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientBuilder;
import dev.mqttbridge.mqtt.client.MqttMessageHandler;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import dev.mqttbridge.mqtt.client.MqttWill;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.CamelContext;
import org.apache.camel.util.ObjectHelper;

/** Turns a {@link MqttConfiguration} into a client builder; one place for the option mapping. */
final class MqttClientFactory {

  private MqttClientFactory() {
  }

  /** A random client id, short enough for MQTT 3.1's 23-character limit. */
  static String randomClientId() {
    return "camel-" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  /** The configured client id, or a new random one. */
  static String clientIdOrRandom(MqttConfiguration configuration) {
    return ObjectHelper.isEmpty(configuration.getClientId())
        ? randomClientId() : configuration.getClientId();
  }

  static MqttVersion version(MqttConfiguration configuration) {
    return MqttVersion.fromString(configuration.getMqttVersion());
  }

  /**
   * A builder with every option of the configuration applied.
   *
   * @param camelContext resolves the {@code sslContextParameters}' resources
   * @param clientId the client id to use (fixed for the lifetime of a consumer or producer)
   * @param defaultHandler receives messages of subscriptions a resumed session still holds, so
   *     that none is acknowledged unseen before our subscribe call is made; may be null
   * @throws IllegalArgumentException if an option cannot be used
   */
  static MqttClientBuilder builder(MqttConfiguration configuration, CamelContext camelContext,
      String clientId, MqttMessageHandler defaultHandler) {
    MqttVersion version = version(configuration);
    List<URI> uris = serverUris(configuration.getServerUris());
    MqttClientBuilder builder = MqttClient.builder()
        .serverUris(uris)
        .version(version)
        .clientId(clientId)
        .cleanStart(configuration.isCleanStart())
        .sessionExpiryInterval(configuration.getSessionExpiryInterval())
        .keepAlive(configuration.getKeepAliveInterval())
        .connectTimeout(Duration.ofSeconds(configuration.getConnectionTimeout()))
        .receiveMaximum(configuration.getReceiveMaximum())
        .username(emptyToNull(configuration.getUserName()))
        .password(emptyToNull(configuration.getPassword()))
        .reconnectPolicy(reconnectPolicy(configuration))
        .defaultHandler(defaultHandler)
        .tls(MqttTlsSettings.of(configuration, camelContext, uris));
    if (ObjectHelper.isNotEmpty(configuration.getWillTopic())) {
      MqttMessage.Builder will = MqttMessage.builder(configuration.getWillTopic())
          .qos(configuration.getWillQos())
          .retain(configuration.isWillRetained());
      if (configuration.getWillPayload() != null) {
        will.payload(configuration.getWillPayload());
      }
      builder.will(new MqttWill(will.build(),
          version.isMqtt5() ? configuration.getWillDelayInterval() : 0));
    }
    return builder;
  }

  private static MqttReconnectPolicy reconnectPolicy(MqttConfiguration configuration) {
    if (!configuration.isAutomaticReconnect()) {
      return MqttReconnectPolicy.DISABLED;
    }
    Duration initial = Duration.ofSeconds(1);
    Duration maximum = Duration.ofMillis(Math.max(configuration.getMaxReconnectDelay(), 0));
    return MqttReconnectPolicy.exponential(
        maximum.compareTo(initial) < 0 ? maximum : initial, maximum);
  }

  static List<URI> serverUris(String text) {
    if (ObjectHelper.isEmpty(text)) {
      throw new IllegalArgumentException("serverUris is empty");
    }
    return Arrays.stream(text.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(URI::create)
        .toList();
  }

  private static String emptyToNull(String text) {
    return ObjectHelper.isEmpty(text) ? null : text;
  }
}
