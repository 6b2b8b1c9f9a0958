package dev.mqttbridge.camel;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** UP while the producer's client is connected; DOWN with the reason otherwise. */
final class MqttProducerHealthCheck extends AbstractHealthCheck {

  private final MqttProducer producer;

  MqttProducerHealthCheck(MqttProducer producer, String id) {
    super("camel", "producer:mqtt-" + id);
    this.producer = producer;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    MqttConfiguration configuration = producer.getEndpoint().getConfiguration();
    builder.detail("serverUris", configuration.getServerUris());
    builder.detail("topic", producer.getEndpoint().getTopic());
    if (producer.isConnected()) {
      builder.up();
      return;
    }
    builder.down();
    Throwable failure = producer.lastConnectFailure();
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
