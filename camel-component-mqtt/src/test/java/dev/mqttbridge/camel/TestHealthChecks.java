package dev.mqttbridge.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/** Test set-up shared by the ITs: health checks as Camel Main's camel.health.enabled has them. */
final class TestHealthChecks {

  private TestHealthChecks() {
  }

  /** Registers the consumer and producer check repositories; producer checks are opt-in. */
  static void enableConsumerAndProducerChecks(CamelContext camelContext) {
    HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
    registry.register(registry.resolveById("consumers"));
    registry.register(registry.resolveById("producers"));
    registry.getRepository("producers").orElseThrow().setEnabled(true);
  }
}
