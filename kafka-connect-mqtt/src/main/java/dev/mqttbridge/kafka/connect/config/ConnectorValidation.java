package dev.mqttbridge.kafka.connect.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The part of both connectors' {@code validate()} that single-key validators cannot do: once
 * every key parsed, the config is built, the MQTT connection settings are checked (the TLS
 * material is loaded as the client will) and the side's own cross-key checks run. Each problem
 * becomes an error message on the key a user has to change.
 */
public final class ConnectorValidation {

  private ConnectorValidation() {}

  /**
   * Adds the source connector's cross-key problems.
   *
   * @param props the connector config as submitted
   * @param result Connect's single-key validation; its values get the messages
   * @return {@code result}
   */
  public static Config source(Map<String, String> props, Config result) {
    return addProblems(result, () -> new MqttSourceConnectorConfig(props),
        MqttSourceConnectorConfig::connection, config -> SourceConfigChecks.problems(props, config));
  }

  /**
   * Adds the sink connector's cross-key problems.
   *
   * @param props the connector config as submitted
   * @param result Connect's single-key validation; its values get the messages
   * @return {@code result}
   */
  public static Config sink(Map<String, String> props, Config result) {
    return addProblems(result, () -> new MqttSinkConnectorConfig(props),
        MqttSinkConnectorConfig::connection, config -> List.of());
  }

  private static <C> Config addProblems(Config result, Supplier<C> parse,
      Function<C, MqttConnectionConfig> connection, Function<C, List<ConfigProblem>> sideChecks) {
    if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
      return result; // cross checks need every single value parsed
    }
    C config;
    try {
      config = parse.get();
    } catch (ConfigException e) {
      add(result, new ConfigProblem(MqttConnectionConfig.SERVER_URIS_CONFIG, e.getMessage()));
      return result;
    }
    List<ConfigProblem> problems = new ArrayList<>(connection.apply(config).problems());
    problems.addAll(sideChecks.apply(config));
    problems.forEach(problem -> add(result, problem));
    return result;
  }

  private static void add(Config result, ConfigProblem problem) {
    for (ConfigValue value : result.configValues()) {
      if (value.name().equals(problem.key())) {
        value.addErrorMessage(problem.message());
        return;
      }
    }
    ConfigValue value = new ConfigValue(problem.key());
    value.addErrorMessage(problem.message());
    result.configValues().add(value);
  }
}
