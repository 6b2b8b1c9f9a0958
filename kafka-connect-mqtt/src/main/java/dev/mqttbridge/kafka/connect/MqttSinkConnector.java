package dev.mqttbridge.kafka.connect;

import dev.mqttbridge.kafka.connect.config.ConnectorValidation;
import dev.mqttbridge.kafka.connect.config.MqttSinkConnectorConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink connector Kafka to MQTT. Thin: the configuration lives in {@link
 * MqttSinkConnectorConfig}, the work in {@link MqttSinkTask}. Each task gets its index, which makes
 * its MQTT client id ({@code mqtt.client.id}-sink-INDEX).
 */
public class MqttSinkConnector extends SinkConnector {

  private Map<String, String> props;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    MqttSinkConnectorConfig config = new MqttSinkConnectorConfig(props);
    config.connection().requireSupported();
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return MqttSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new HashMap<>(props);
      task.put(MqttSinkConnectorConfig.TASK_INDEX_CONFIG, Integer.toString(i));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {
    // Nothing to release: the tasks own the connections.
  }

  @Override
  public ConfigDef config() {
    return MqttSinkConnectorConfig.CONFIG_DEF;
  }

  /** Adds the checks a single key's validator cannot make, e.g. TLS files that do not load. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return ConnectorValidation.sink(connectorConfigs, super.validate(connectorConfigs));
  }
}
