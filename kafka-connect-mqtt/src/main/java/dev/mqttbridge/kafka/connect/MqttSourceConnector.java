package dev.mqttbridge.kafka.connect;

import dev.mqttbridge.kafka.connect.config.ConnectorValidation;
import dev.mqttbridge.kafka.connect.config.MqttSourceConnectorConfig;
import dev.mqttbridge.kafka.connect.source.SlotAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Kafka Connect source connector MQTT to Kafka. Thin: the configuration lives in {@link
 * MqttSourceConnectorConfig}, cross-key checks in {@link ConnectorValidation}, the work in {@link
 * MqttSourceTask}. Splits the {@code mqtt.session.slots} persistent sessions over the tasks.
 */
public class MqttSourceConnector extends SourceConnector {

  private Map<String, String> props;
  private int slots;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(props);
    config.connection().requireSupported();
    config.routes(); // fails the connector early on an inconsistent mapping
    this.props = Map.copyOf(props);
    this.slots = config.sessionSlots();
  }

  @Override
  public Class<? extends Task> taskClass() {
    return MqttSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<Integer> owned : SlotAssignment.assign(slots, maxTasks)) {
      Map<String, String> task = new HashMap<>(props);
      task.put(MqttSourceConnectorConfig.TASK_SLOTS_CONFIG, SlotAssignment.format(owned));
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
    return MqttSourceConnectorConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    return ConnectorValidation.source(connectorConfigs, super.validate(connectorConfigs));
  }
}
