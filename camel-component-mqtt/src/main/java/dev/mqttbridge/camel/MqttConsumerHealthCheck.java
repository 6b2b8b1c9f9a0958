package dev.mqttbridge.camel;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** UP while the consumer's client is connected; DOWN with the reason otherwise. */
final class MqttConsumerHealthCheck extends AbstractHealthCheck {

  private final MqttConsumer consumer;

  MqttConsumerHealthCheck(MqttConsumer consumer, String routeId) {
    super("camel", "consumer:mqtt-" + routeId);
    this.consumer = consumer;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    MqttConfiguration configuration = consumer.getEndpoint().getConfiguration();
    builder.detail("serverUris", configuration.getServerUris());
    builder.detail("topic", consumer.getEndpoint().getTopic());
    if (consumer.clientId() != null) {
      builder.detail("clientId", consumer.clientId());
    }
    if (consumer.isConnected()) {
      builder.up();
      return;
    }
    builder.down();
    Throwable failure = consumer.lastConnectFailure();
    if (failure != null) {
      builder.message("Not connected: " + failure.getMessage());
      builder.error(failure);
    } else {
      builder.message(configuration.isAutomaticReconnect()
          ? "Not connected; reconnecting automatically"
          : "Not connected; automaticReconnect is off");
    }
  }
}
