package dev.mqttbridge.kafka.connect.config;

import dev.mqttbridge.kafka.connect.sink.TombstoneMode;
import dev.mqttbridge.kafka.connect.sink.TopicTemplate;
import dev.mqttbridge.mqtt.MqttQos;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The sink connector's configuration: the shared {@link MqttConnectionConfig} keys plus the
 * publish and delivery keys. Each key is a public constant; accessors are typed. Connect itself
 * defines {@code topics}, {@code topics.regex} and the {@code errors.*} keys.
 */
public final class MqttSinkConnectorConfig extends AbstractConfig {

  public static final String PUBLISH_GROUP = "MQTT publish";
  public static final String DELIVERY_GROUP = "Delivery";

  public static final String TOPIC_CONFIG = "mqtt.topic";
  private static final String TOPIC_DOC = "MQTT topic template: text with {kafka.topic}, {key},"
      + " {header.NAME} (the last header of that name) and {value.PATH} (a field of a Struct or Map"
      + " value, dotted path), e.g. plant/{header.site}/commands/{key}. Values are inserted as"
      + " they are (a / adds levels). A record whose variable is missing or whose result is not a"
      + " valid MQTT topic goes to the dead letter queue (errors.tolerance=all) or fails the task.";

  public static final String QOS_CONFIG = "mqtt.qos";
  private static final String QOS_DOC = "Publish QoS 0, 1 or 2. With 1 and 2 an offset is committed"
      + " only after the broker acknowledged its message and every earlier one of the partition"
      + " (PUBACK, PUBCOMP); with 0, once the message is written to the socket.";

  public static final String RETAIN_CONFIG = "mqtt.retain";
  private static final String RETAIN_DOC = "Retain flag of published messages; a record header"
      + " mqtt.retained (true/false) overrides it per record.";

  public static final String TOMBSTONE_CONFIG = "mqtt.tombstone";
  private static final String TOMBSTONE_DOC = "Records with a null value: clear-retained publishes"
      + " an empty retained message (clearing the topic's retained message, so a compacted topic"
      + " mirrors retained state), ignore skips them, fail fails the task.";

  public static final String MAX_PENDING_CONFIG = "mqtt.max.pending.records";
  private static final String MAX_PENDING_DOC = "Most records handed to the MQTT client and not yet"
      + " acknowledged by the broker. put() waits when it is reached: memory stays bounded and"
      + " the broker's pace limits Kafka consumption. Duplicates after a crash are bounded by it.";

  public static final String PUBLISH_TIMEOUT_CONFIG = "mqtt.publish.timeout.ms";
  private static final String PUBLISH_TIMEOUT_DOC = "How long put() waits for a free place among"
      + " mqtt.max.pending.records before it throws a retriable exception (Connect then retries"
      + " the batch; records already handed over are not published twice).";

  public static final String SESSION_EXPIRY_CONFIG = "mqtt.session.expiry.seconds";
  private static final String SESSION_EXPIRY_DOC = "Session expiry interval the sink's MQTT 5"
      + " connection asks for. The sink needs no session across reconnects (unacknowledged"
      + " records are read again from Kafka), so the default is 0.";

  /**
   * Set by the connector for each task: its index, which makes the client id
   * {@code PREFIX-sink-INDEX}. Not a user setting, so not in the definition.
   */
  public static final String TASK_INDEX_CONFIG = "mqtt.task.index";

  public static final ConfigDef CONFIG_DEF = definition();

  /** Parses and validates the properties. */
  public MqttSinkConnectorConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
  }

  private static ConfigDef definition() {
    ConfigDef def = MqttConnectionConfig.define(new ConfigDef());
    def.define(SESSION_EXPIRY_CONFIG, Type.LONG, 0L, ConfigDef.Range.between(0L, 0xFFFF_FFFFL),
        Importance.LOW, SESSION_EXPIRY_DOC, MqttConnectionConfig.CONNECTION_GROUP, 100,
        Width.SHORT, "Session expiry (s)");
    int order = 0;
    def.define(TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new TopicTemplateValidator(),
        Importance.HIGH, TOPIC_DOC, PUBLISH_GROUP, ++order, Width.LONG, "MQTT topic template");
    def.define(QOS_CONFIG, Type.INT, 1, ConfigDef.Range.between(0, 2), Importance.HIGH, QOS_DOC,
        PUBLISH_GROUP, ++order, Width.SHORT, "QoS");
    def.define(RETAIN_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, RETAIN_DOC, PUBLISH_GROUP,
        ++order, Width.SHORT, "Retain");
    def.define(TOMBSTONE_CONFIG, Type.STRING, TombstoneMode.CLEAR_RETAINED.configValue(),
        ConfigDef.ValidString.in(Arrays.stream(TombstoneMode.values())
            .map(TombstoneMode::configValue).toArray(String[]::new)),
        Importance.MEDIUM, TOMBSTONE_DOC, PUBLISH_GROUP, ++order, Width.SHORT, "Tombstones");
    order = 0;
    def.define(MAX_PENDING_CONFIG, Type.INT, 10_000, ConfigDef.Range.between(1, 1_000_000),
        Importance.LOW, MAX_PENDING_DOC, DELIVERY_GROUP, ++order, Width.SHORT,
        "Most pending records");
    def.define(PUBLISH_TIMEOUT_CONFIG, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1L),
        Importance.LOW, PUBLISH_TIMEOUT_DOC, DELIVERY_GROUP, ++order, Width.SHORT,
        "Publish wait (ms)");
    return def;
  }

  /** The connection settings. */
  public MqttConnectionConfig connection() {
    return new MqttConnectionConfig(this, originalsStrings().getOrDefault("name", "mqtt-sink"));
  }

  /** The topic template. */
  public TopicTemplate topicTemplate() {
    return TopicTemplate.parse(getString(TOPIC_CONFIG));
  }

  /** The publish QoS. */
  public MqttQos qos() {
    return MqttQos.of(getInt(QOS_CONFIG));
  }

  /** The default retain flag. */
  public boolean retain() {
    return getBoolean(RETAIN_CONFIG);
  }

  /** What to do with tombstones. */
  public TombstoneMode tombstoneMode() {
    return TombstoneMode.fromConfig(getString(TOMBSTONE_CONFIG));
  }

  /** Most records pending at the broker. */
  public int maxPendingRecords() {
    return getInt(MAX_PENDING_CONFIG);
  }

  /** How long put waits for room, in milliseconds. */
  public long publishTimeoutMs() {
    return getLong(PUBLISH_TIMEOUT_CONFIG);
  }

  /** The session expiry interval for MQTT 5, in seconds. */
  public long sessionExpirySeconds() {
    return getLong(SESSION_EXPIRY_CONFIG);
  }

  /** This task's index (0 for the connector itself). */
  public int taskIndex() {
    return Integer.parseInt(originalsStrings().getOrDefault(TASK_INDEX_CONFIG, "0"));
  }

  /** The MQTT client id of this task; "-sink-" keeps it apart from the source's PREFIX-SLOT ids. */
  public String clientId() {
    return connection().clientIdPrefix() + "-sink-" + taskIndex();
  }

  /** A template that parses. */
  static final class TopicTemplateValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        TopicTemplate.parse((String) value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "text with {kafka.topic}, {key}, {header.NAME}, {value.PATH}";
    }
  }
}
