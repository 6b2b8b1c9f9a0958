package dev.mqttbridge.kafka.connect.config;

import dev.mqttbridge.kafka.connect.mapping.FilterTemplate;
import dev.mqttbridge.kafka.connect.mapping.KafkaTopicNames;
import dev.mqttbridge.kafka.connect.mapping.Route;
import dev.mqttbridge.kafka.connect.mapping.Template;
import dev.mqttbridge.kafka.connect.mapping.ValueFormat;
import dev.mqttbridge.mqtt.MqttQos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The source connector's configuration: the shared {@link MqttConnectionConfig} keys plus
 * subscription, mapping, record and delivery keys. Each key is a public constant; accessors are
 * typed. Checks across keys live in {@link SourceConfigChecks}, run by the connector's {@code
 * validate()}.
 */
public final class MqttSourceConnectorConfig extends AbstractConfig {

  public static final String SUBSCRIPTION_GROUP = "MQTT subscription";
  public static final String MAPPING_GROUP = "Kafka topic mapping";
  public static final String RECORD_GROUP = "Records";
  public static final String DELIVERY_GROUP = "Delivery and errors";

  public static final String QOS_CONFIG = "mqtt.qos";
  private static final String QOS_DOC = "Subscription QoS 0, 1 or 2. With 1 and 2 a message is"
      + " acknowledged to the broker only after Kafka acknowledged its record (at least once);"
      + " with 0 messages can be lost.";

  public static final String SESSION_EXPIRY_CONFIG = "mqtt.session.expiry.seconds";
  private static final String SESSION_EXPIRY_DOC = "How long the broker keeps a slot's session,"
      + " and the messages queued for it, while no task is connected to it: set it longer than the"
      + " longest outage of the Connect cluster you want to survive without loss.";

  public static final String TOPICS_CONFIG = "mqtt.topics";
  private static final String TOPICS_DOC = "Topic filters to subscribe to, written into kafka.topic."
      + " A whole level written {name} subscribes as + and captures that level, e.g."
      + " plant/{site}/line/{line}/#. With MQTT 3.1.1 and 3.1 (and auto) the filters, including"
      + " those of topic.mappings, must not overlap.";

  public static final String KAFKA_TOPIC_CONFIG = "kafka.topic";
  private static final String KAFKA_TOPIC_DOC = "Kafka topic template for the messages of"
      + " mqtt.topics: text with {name} captures, {mqtt.topic} and {#} (the levels matched by #,"
      + " joined with /; empty when none). Variables are raw MQTT text; the resulting name is"
      + " sanitised: / becomes ., other characters outside [a-zA-Z0-9._-] become _, at most 249"
      + " characters; . and .. are illegal (the record goes to errors.topic).";

  public static final String TOPIC_MAPPINGS_CONFIG = "topic.mappings";
  private static final String TOPIC_MAPPINGS_DOC = "More filters with their own Kafka topic"
      + " template, each written FILTER => TEMPLATE, e.g. 'alarms/{site}/# => alarms.{site}'."
      + " Same rules as mqtt.topics and kafka.topic.";

  public static final String KAFKA_TOPIC_ALLOWED_CONFIG = "kafka.topic.allowed";
  private static final String KAFKA_TOPIC_ALLOWED_DOC = "Regular expression the whole sanitised"
      + " topic name must match; records whose topic does not match go to errors.topic. Empty:"
      + " every legal name is allowed. Bounds which topics captures can create.";

  public static final String ERRORS_TOPIC_CONFIG = "errors.topic";
  private static final String ERRORS_TOPIC_DOC = "Kafka topic for messages that cannot become"
      + " records (payload over mqtt.max.payload.bytes, refused target topic, payload not valid"
      + " for record.value.format). The record carries the MQTT headers plus mqtt.error.reason and"
      + " mqtt.error.message; the MQTT message is acknowledged once Kafka has it.";

  public static final String KAFKA_KEY_CONFIG = "kafka.key";
  private static final String KAFKA_KEY_DOC = "Template of the record key (a string; same"
      + " variables as kafka.topic, not sanitised). Empty: null key.";

  public static final String VALUE_FORMAT_CONFIG = "record.value.format";
  private static final String VALUE_FORMAT_DOC = "bytes: the payload as is; string: UTF-8 text;"
      + " json: the payload parsed to a schemaless value (a Map for an object); envelope: a Struct"
      + " with schema (topic, payload, qos, retained, duplicate, properties, received). Invalid"
      + " UTF-8 (string, json) and invalid JSON go to errors.topic.";

  public static final String RETAINED_INGEST_CONFIG = "mqtt.retained.ingest";
  private static final String RETAINED_INGEST_DOC = "true: each time slot 0 connects (start,"
      + " reconnect, rebalance) it reads the retained messages of the filters once and they become"
      + " records with header mqtt.retained=true (shared subscriptions alone never get them; a"
      + " client PREFIX-0-retained subscribes to the filters without $share for it), so a"
      + " topic's retained state reaches Kafka again after every session loss. Live messages"
      + " always have mqtt.retained=false, as MQTT forwards them, even when published with the"
      + " retain flag. false: no such read, and any message delivered with the retain flag is"
      + " acknowledged and skipped.";

  public static final String MAX_PAYLOAD_CONFIG = "mqtt.max.payload.bytes";
  private static final String MAX_PAYLOAD_DOC = "Largest payload that becomes a record; larger"
      + " ones go to errors.topic without the payload (header mqtt.payload.size). Keep it below"
      + " the producer's max.request.size (default 1048576) minus room for key and headers.";

  public static final String RECEIVE_MAXIMUM_CONFIG = "mqtt.receive.maximum";
  private static final String RECEIVE_MAXIMUM_DOC = "QoS 1 and 2 messages each slot holds"
      + " unacknowledged, i.e. waiting for Kafka (its MQTT 5 Receive Maximum; with 3.1.1 and 3.1"
      + " the client stops reading at that count). A larger window keeps more records on the way"
      + " to Kafka when its round trips are slow; memory: a task holds at most (its slots + 1) x"
      + " this many messages, payloads included (up to mqtt.max.payload.bytes each), the + 1 for"
      + " slot 0's reader of retained messages. Brokers may cap it (Mosquitto:"
      + " max_inflight_messages).";

  public static final String SESSION_SLOTS_CONFIG = "mqtt.session.slots";
  private static final String SESSION_SLOTS_DOC = "Number of persistent MQTT sessions the work is"
      + " split into; each slot is one stable client id subscribing through"
      + " $share/{mqtt.shared.group}/..., and the slots are spread over the tasks. Changing"
      + " tasks.max moves slots; changing this number orphans the removed slots' sessions until"
      + " they expire.";

  public static final String SHARED_GROUP_CONFIG = "mqtt.shared.group";
  private static final String SHARED_GROUP_DOC = "Share name of the $share/GROUP/ subscriptions."
      + " Empty: the connector name.";

  /** Task property (set by the connector, not by users): the slots a task owns, e.g. 0,2. */
  public static final String TASK_SLOTS_CONFIG = "mqtt.task.slots";

  /** Default payload bound: the producer default max.request.size minus 100 KiB of headroom. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1_048_576 - 102_400;

  public static final ConfigDef CONFIG_DEF = definition();

  private final MqttConnectionConfig connection;

  /** Parses and validates single keys; throws {@code ConfigException} on the first bad one. */
  public MqttSourceConnectorConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    this.connection = new MqttConnectionConfig(this, props.getOrDefault("name", "mqtt-source"));
  }

  private static ConfigDef definition() {
    ConfigDef def = MqttConnectionConfig.define(new ConfigDef());
    int order = 0;
    def.define(TOPICS_CONFIG, Type.LIST, "", new FilterListValidator(), Importance.HIGH,
        TOPICS_DOC, SUBSCRIPTION_GROUP, ++order, Width.LONG, "Topic filters");
    def.define(QOS_CONFIG, Type.INT, 1, ConfigDef.Range.between(0, 2), Importance.HIGH, QOS_DOC,
        SUBSCRIPTION_GROUP, ++order, Width.SHORT, "QoS");
    def.define(SESSION_EXPIRY_CONFIG, Type.LONG, 86_400L, ConfigDef.Range.between(1L, 0xFFFF_FFFFL),
        Importance.MEDIUM, SESSION_EXPIRY_DOC, SUBSCRIPTION_GROUP, ++order, Width.SHORT,
        "Session expiry (s)");
    def.define(SESSION_SLOTS_CONFIG, Type.INT, 1, ConfigDef.Range.between(1, 1_000),
        Importance.MEDIUM, SESSION_SLOTS_DOC, SUBSCRIPTION_GROUP, ++order, Width.SHORT,
        "Session slots");
    def.define(SHARED_GROUP_CONFIG, Type.STRING, "", new ShareNameValidator(), Importance.LOW,
        SHARED_GROUP_DOC, SUBSCRIPTION_GROUP, ++order, Width.MEDIUM, "Shared subscription group");
    def.define(RETAINED_INGEST_CONFIG, Type.BOOLEAN, true, Importance.LOW, RETAINED_INGEST_DOC,
        SUBSCRIPTION_GROUP, ++order, Width.SHORT, "Ingest retained messages");

    order = 0;
    def.define(KAFKA_TOPIC_CONFIG, Type.STRING, "", new TemplateValidator(), Importance.HIGH,
        KAFKA_TOPIC_DOC, MAPPING_GROUP, ++order, Width.LONG, "Kafka topic template");
    def.define(TOPIC_MAPPINGS_CONFIG, Type.LIST, "", new MappingListValidator(), Importance.MEDIUM,
        TOPIC_MAPPINGS_DOC, MAPPING_GROUP, ++order, Width.LONG, "Topic mappings");
    def.define(KAFKA_TOPIC_ALLOWED_CONFIG, Type.STRING, "", new RegexValidator(), Importance.MEDIUM,
        KAFKA_TOPIC_ALLOWED_DOC, MAPPING_GROUP, ++order, Width.LONG, "Allowed Kafka topics");

    order = 0;
    def.define(KAFKA_KEY_CONFIG, Type.STRING, "{" + Template.TOPIC_VARIABLE + "}",
        new TemplateValidator(), Importance.MEDIUM, KAFKA_KEY_DOC, RECORD_GROUP, ++order,
        Width.MEDIUM, "Record key template");
    def.define(VALUE_FORMAT_CONFIG, Type.STRING, ValueFormat.BYTES.configValue(),
        ConfigDef.ValidString.in(Arrays.stream(ValueFormat.values())
            .map(ValueFormat::configValue).toArray(String[]::new)),
        Importance.HIGH, VALUE_FORMAT_DOC, RECORD_GROUP, ++order, Width.SHORT, "Value format");

    order = 0;
    def.define(ERRORS_TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
        new TopicNameValidator(), Importance.HIGH, ERRORS_TOPIC_DOC, DELIVERY_GROUP, ++order,
        Width.LONG, "Errors topic");
    def.define(MAX_PAYLOAD_CONFIG, Type.INT, DEFAULT_MAX_PAYLOAD_BYTES,
        ConfigDef.Range.atLeast(0), Importance.MEDIUM, MAX_PAYLOAD_DOC, DELIVERY_GROUP, ++order,
        Width.SHORT, "Maximum payload (bytes)");
    def.define(RECEIVE_MAXIMUM_CONFIG, Type.INT, 1_000, ConfigDef.Range.between(1, 65_535),
        Importance.LOW, RECEIVE_MAXIMUM_DOC, DELIVERY_GROUP, ++order, Width.SHORT,
        "Unacknowledged messages per slot");
    return def;
  }

  /** The connection settings. */
  public MqttConnectionConfig connection() {
    return connection;
  }

  public MqttQos qos() {
    return MqttQos.of(getInt(QOS_CONFIG));
  }

  public long sessionExpirySeconds() {
    return getLong(SESSION_EXPIRY_CONFIG);
  }

  public int sessionSlots() {
    return getInt(SESSION_SLOTS_CONFIG);
  }

  /** The share name: the configured group or the connector name. */
  public String sharedGroup() {
    String group = getString(SHARED_GROUP_CONFIG);
    // A connector name may hold characters a share name may not.
    return group.isEmpty()
        ? originalsStrings().getOrDefault("name", "mqtt-source").replaceAll("[/+#]", "_")
        : group;
  }

  /** QoS 1 and 2 messages a slot holds unacknowledged (its Receive Maximum). */
  public int receiveMaximum() {
    return getInt(RECEIVE_MAXIMUM_CONFIG);
  }

  public boolean ingestRetained() {
    return getBoolean(RETAINED_INGEST_CONFIG);
  }

  /**
   * The routes: each filter of {@code mqtt.topics} to {@code kafka.topic}, then each {@code
   * topic.mappings} entry, in order.
   *
   * @throws ConfigException when a template uses a capture its filter lacks, or filters have no
   *     kafka.topic
   */
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    List<String> filters = getList(TOPICS_CONFIG);
    String topicTemplate = getString(KAFKA_TOPIC_CONFIG);
    if (!filters.isEmpty() && topicTemplate.isEmpty()) {
      throw new ConfigException(KAFKA_TOPIC_CONFIG, topicTemplate,
          "A Kafka topic template is needed for the filters of " + TOPICS_CONFIG);
    }
    for (String filter : filters) {
      try {
        routes.add(new Route(FilterTemplate.parse(filter), Template.parse(topicTemplate)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(KAFKA_TOPIC_CONFIG, topicTemplate, e.getMessage());
      }
    }
    for (String mapping : getList(TOPIC_MAPPINGS_CONFIG)) {
      try {
        routes.add(Route.parseMapping(mapping));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(TOPIC_MAPPINGS_CONFIG, mapping, e.getMessage());
      }
    }
    return List.copyOf(routes);
  }

  /** The allowed-topic pattern, or null when every legal name is allowed. */
  public Pattern allowedTopics() {
    String regex = getString(KAFKA_TOPIC_ALLOWED_CONFIG);
    return regex.isEmpty() ? null : Pattern.compile(regex);
  }

  public String errorsTopic() {
    return getString(ERRORS_TOPIC_CONFIG);
  }

  public Template keyTemplate() {
    return Template.parse(getString(KAFKA_KEY_CONFIG));
  }

  public ValueFormat valueFormat() {
    return ValueFormat.fromConfig(getString(VALUE_FORMAT_CONFIG));
  }

  public int maxPayloadBytes() {
    return getInt(MAX_PAYLOAD_CONFIG);
  }

  /** Each entry a filter template. */
  static final class FilterListValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> filters = (List<String>) value;
      for (String filter : filters) {
        try {
          FilterTemplate.parse(filter);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, filter, e.getMessage());
        }
      }
    }

    @Override
    public String toString() {
      return "list of MQTT topic filters, levels {name} capture";
    }
  }

  /** Each entry {@code FILTER => TEMPLATE}. */
  static final class MappingListValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> mappings = (List<String>) value;
      for (String mapping : mappings) {
        try {
          Route.parseMapping(mapping);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, mapping, e.getMessage());
        }
      }
    }

    @Override
    public String toString() {
      return "list of FILTER => TEMPLATE";
    }
  }

  /** A template of {@link Template}'s syntax. */
  static final class TemplateValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        Template.parse((String) value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "text with {name}, {mqtt.topic}, {#}";
    }
  }

  /** A Java regular expression, or empty. */
  static final class RegexValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        Pattern.compile((String) value);
      } catch (PatternSyntaxException e) {
        throw new ConfigException(name, value, "Not a regular expression: " + e.getDescription());
      }
    }

    @Override
    public String toString() {
      return "Java regular expression, or empty";
    }
  }

  /** A legal Kafka topic name. */
  static final class TopicNameValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || !KafkaTopicNames.isLegalName((String) value)) {
        throw new ConfigException(name, value, "Not a legal Kafka topic name");
      }
    }

    @Override
    public String toString() {
      return "Kafka topic name";
    }
  }

  /** Empty, or a share name: no /, + or #. */
  static final class ShareNameValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = (String) value;
      if (text.contains("/") || text.contains("+") || text.contains("#")) {
        throw new ConfigException(name, value, "A share name contains no /, + or #");
      }
    }

    @Override
    public String toString() {
      return "share name without /, +, #";
    }
  }
}
