package dev.mqttbridge.kafka.connect.config;

import dev.mqttbridge.kafka.connect.mapping.Route;
import dev.mqttbridge.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The source side's checks across keys, which {@link ConnectorValidation} adds to the single-key
 * ones: mappings that cannot route, and Connect settings that would weaken the delivery guarantee.
 */
public final class SourceConfigChecks {

  /** Connect's key for error tolerance; {@code all} would hide failed sends as filtered records. */
  public static final String ERRORS_TOLERANCE = "errors.tolerance";
  /** Per-connector producer override of acks; anything but all weakens the guarantee. */
  public static final String PRODUCER_ACKS = "producer.override.acks";
  /** Per-connector producer override of the request size, checked against the payload bound. */
  public static final String PRODUCER_MAX_REQUEST_SIZE = "producer.override.max.request.size";

  private SourceConfigChecks() {}

  /**
   * The cross-key problems of a config whose single keys are valid.
   *
   * @param props the connector config as submitted (for Connect's own keys)
   * @param config the parsed config
   */
  static List<ConfigProblem> problems(Map<String, String> props, MqttSourceConnectorConfig config) {
    List<ConfigProblem> problems = new ArrayList<>();
    checkRoutes(config, problems);
    checkDeliveryGuarantee(props, config, problems);
    return problems;
  }

  private static void checkRoutes(MqttSourceConnectorConfig config, List<ConfigProblem> result) {
    List<Route> routes;
    try {
      routes = config.routes();
    } catch (ConfigException e) {
      addError(result, MqttSourceConnectorConfig.KAFKA_TOPIC_CONFIG, e.getMessage());
      return;
    }
    if (routes.isEmpty()) {
      addError(result, MqttSourceConnectorConfig.TOPICS_CONFIG, "Nothing to subscribe to: set "
          + MqttSourceConnectorConfig.TOPICS_CONFIG + " or "
          + MqttSourceConnectorConfig.TOPIC_MAPPINGS_CONFIG);
      return;
    }
    // 3.1.1 has no subscription identifiers: a message matching two filters cannot be told apart.
    boolean mayUse311 = config.connection().versions().stream().anyMatch(v -> !v.isMqtt5());
    for (int i = 0; i < routes.size(); i++) {
      for (int j = i + 1; j < routes.size(); j++) {
        Route a = routes.get(i);
        Route b = routes.get(j);
        if (a.filter().filter().filter().equals(b.filter().filter().filter())) {
          addError(result, MqttSourceConnectorConfig.TOPICS_CONFIG, "Filters '" + a.filter()
              + "' and '" + b.filter() + "' subscribe to the same topic filter");
        } else if (mayUse311 && a.filter().filter().overlaps(b.filter().filter())) {
          addError(result, MqttSourceConnectorConfig.TOPICS_CONFIG, "Filters '" + a.filter()
              + "' and '" + b.filter() + "' overlap, which MQTT "
              + (config.connection().versions().contains(MqttVersion.V5) ? "3.1.1 (mqtt.version=auto)"
                  : config.connection().versions().get(0))
              + " cannot route: make them disjoint or use mqtt.version=5");
        }
      }
    }
  }

  private static void checkDeliveryGuarantee(
      Map<String, String> props, MqttSourceConnectorConfig config, List<ConfigProblem> result) {
    String tolerance = props.get(ERRORS_TOLERANCE);
    if (tolerance != null && tolerance.trim().toLowerCase(Locale.ROOT).equals("all")) {
      addError(result, MqttSourceConnectorConfig.ERRORS_TOPIC_CONFIG, ERRORS_TOLERANCE
          + "=all is refused: Connect would report a failed send like a filtered record and the"
          + " MQTT message would be acknowledged and lost. Unconvertible messages go to "
          + MqttSourceConnectorConfig.ERRORS_TOPIC_CONFIG + " anyway.");
    }
    String acks = props.get(PRODUCER_ACKS);
    if (acks != null && !acks.trim().equals("all") && !acks.trim().equals("-1")) {
      addError(result, MqttSourceConnectorConfig.QOS_CONFIG, PRODUCER_ACKS + "=" + acks
          + " is refused: MQTT messages are acknowledged once Kafka acknowledged the record, which"
          + " means something only with acks=all");
    }
    String maxRequest = props.get(PRODUCER_MAX_REQUEST_SIZE);
    if (maxRequest != null) {
      try {
        if (Long.parseLong(maxRequest.trim()) <= config.maxPayloadBytes()) {
          addError(result, MqttSourceConnectorConfig.MAX_PAYLOAD_CONFIG,
              MqttSourceConnectorConfig.MAX_PAYLOAD_CONFIG + "=" + config.maxPayloadBytes()
                  + " must be below " + PRODUCER_MAX_REQUEST_SIZE + "=" + maxRequest
                  + " (leave room for key and headers)");
        }
      } catch (NumberFormatException e) {
        addError(result, MqttSourceConnectorConfig.MAX_PAYLOAD_CONFIG,
            PRODUCER_MAX_REQUEST_SIZE + " is not a number: " + maxRequest);
      }
    }
  }

  private static void addError(List<ConfigProblem> result, String key, String message) {
    result.add(new ConfigProblem(key, message));
  }
}
