package dev.mqttbridge.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.kafka.connect.config.MqttSourceConnectorConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MqttSourceConnectorValidateTest {

  private final MqttSourceConnector connector = new MqttSourceConnector();

  private static Map<String, String> valid() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "plant-bridge");
    props.put("connector.class", MqttSourceConnector.class.getName());
    props.put("mqtt.server.uris", "tcp://localhost:1883,tcp://backup:1883");
    props.put("mqtt.topics", "plant/{site}/line/{line}/#");
    props.put("kafka.topic", "telemetry.{site}.{line}");
    props.put("errors.topic", "mqtt.errors");
    return props;
  }

  /** Error messages by key, only keys that have some. */
  private Map<String, List<String>> errors(Map<String, String> props) {
    Config config = connector.validate(props);
    return config.configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  @Test
  void validConfig_hasNoErrors() {
    assertThat(errors(valid())).isEmpty();
  }

  @Test
  void mappingsAndMqtt5Overlap_areAccepted() {
    Map<String, String> props = valid();
    props.put("mqtt.version", "5");
    props.put("topic.mappings", "plant/+/line/+/alarm/# => alarms, status/{device} => status.{device}");
    assertThat(errors(props)).isEmpty();
  }

  @ParameterizedTest(name = "mqtt.version={0}")
  @ValueSource(strings = {"3.1.1", "3.1", "auto"})
  void overlappingFilters_refusedWhen311MayBeUsed(String version) {
    Map<String, String> props = valid();
    props.put("mqtt.version", version);
    props.put("topic.mappings", "plant/+/line/+/alarm/# => alarms");

    assertThat(errors(props).get("mqtt.topics")).singleElement().asString()
        .contains("overlap").contains("plant/{site}/line/{line}/#").contains("mqtt.version=5");
  }

  @Test
  void sameFilterTwice_isRefusedInEveryVersion() {
    Map<String, String> props = valid();
    props.put("mqtt.topics", "a/+, a/{x}");
    props.put("kafka.topic", "t");
    assertThat(errors(props).get("mqtt.topics")).singleElement().asString().contains("same topic filter");
  }

  @Test
  void errorsToleranceAll_isRefused() {
    Map<String, String> props = valid();
    props.put("errors.tolerance", "all");
    assertThat(errors(props).get("errors.topic")).singleElement().asString()
        .contains("errors.tolerance=all is refused");
  }

  @ParameterizedTest(name = "acks={0}")
  @ValueSource(strings = {"1", "0"})
  void producerAcksOverrideWeakeningDurability_isRefused(String acks) {
    Map<String, String> props = valid();
    props.put("producer.override.acks", acks);
    assertThat(errors(props).get("mqtt.qos")).singleElement().asString().contains("acks=all");
  }

  @ParameterizedTest(name = "acks={0}")
  @ValueSource(strings = {"all", "-1"})
  void producerAcksAll_isAccepted(String acks) {
    Map<String, String> props = valid();
    props.put("producer.override.acks", acks);
    assertThat(errors(props)).isEmpty();
  }

  @Test
  void maxPayloadNotBelowProducerRequestSize_isRefused() {
    Map<String, String> props = valid();
    props.put("producer.override.max.request.size", "500000");
    props.put("mqtt.max.payload.bytes", "500000");
    assertThat(errors(props).get("mqtt.max.payload.bytes")).singleElement().asString()
        .contains("must be below producer.override.max.request.size");
  }

  @Test
  void templateUsingUnknownCapture_isRefused() {
    Map<String, String> props = valid();
    props.put("kafka.topic", "telemetry.{plant}");
    assertThat(errors(props).get("kafka.topic")).singleElement().asString().contains("{plant}");
  }

  @Test
  void nothingToSubscribe_isRefused() {
    Map<String, String> props = valid();
    props.remove("mqtt.topics");
    assertThat(errors(props).get("mqtt.topics")).singleElement().asString()
        .contains("Nothing to subscribe to");
  }

  @Test
  void tlsServer_isAccepted_aMissingTrustStoreIsReportedOnItsKey() {
    Map<String, String> props = valid();
    props.put("mqtt.server.uris", "ssl://localhost:8883");
    assertThat(errors(props)).isEmpty();

    props.put("mqtt.ssl.truststore.location", "/nowhere/trust.p12");
    assertThat(errors(props).get("mqtt.ssl.truststore.location")).singleElement().asString()
        .contains("No such file");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "mqtt.server.uris|http://localhost",
      "mqtt.version|4",
      "mqtt.qos|3",
      "mqtt.topics|$share/g/a",
      "mqtt.topics|a/{x",
      "topic.mappings|a/b -> c",
      "kafka.topic.allowed|[a-",
      "errors.topic|..",
      "record.value.format|avro",
      "mqtt.session.expiry.seconds|0",
      "mqtt.session.slots|0",
      "mqtt.client.id|has space",
      "mqtt.shared.group|a/b",
      "mqtt.keepalive.seconds|70000",
  })
  void badSingleValue_isReportedOnItsKey(String key, String value) {
    Map<String, String> props = valid();
    props.put(key, value);
    assertThat(errors(props)).containsOnlyKeys(key);
  }

  @Test
  void errorsTopic_isRequired() {
    Map<String, String> props = valid();
    props.remove("errors.topic");
    assertThat(errors(props)).containsKey("errors.topic");
  }

  @Test
  void everyKeyOfTheIssue_isDefined() {
    assertThat(MqttSourceConnectorConfig.CONFIG_DEF.names()).contains(
        "mqtt.server.uris", "mqtt.version", "mqtt.client.id", "mqtt.username", "mqtt.password",
        "mqtt.ssl.truststore.location", "mqtt.qos", "mqtt.keepalive.seconds",
        "mqtt.session.expiry.seconds", "mqtt.topics", "kafka.topic", "topic.mappings",
        "kafka.topic.allowed", "errors.topic", "kafka.key", "record.value.format",
        "mqtt.retained.ingest", "mqtt.max.payload.bytes", "mqtt.session.slots",
        "mqtt.shared.group");
    assertThat(MqttSourceConnectorConfig.CONFIG_DEF.configKeys().get("mqtt.password").type)
        .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
  }

  @Test
  void everyKey_hasDocGroupOrderAndDisplayName() {
    assertThat(MqttSourceConnectorConfig.CONFIG_DEF.configKeys().values()).allSatisfy(key -> {
      assertThat(key.documentation).isNotBlank();
      assertThat(key.group).isNotBlank();
      assertThat(key.orderInGroup).isPositive();
      assertThat(key.displayName).isNotBlank();
    });
  }

  @Test
  void taskConfigs_spreadSlotsAndKeepTheConnectorConfig() {
    Map<String, String> props = valid();
    props.put("mqtt.session.slots", "4");
    connector.start(props);

    List<Map<String, String>> tasks = connector.taskConfigs(2);

    assertThat(tasks).extracting(t -> t.get(MqttSourceConnectorConfig.TASK_SLOTS_CONFIG))
        .containsExactly("0,2", "1,3");
    assertThat(tasks).allSatisfy(t -> assertThat(t).containsAllEntriesOf(props));
  }

  @Test
  void version_comesFromOurBuild() {
    assertThat(connector.version()).isEqualTo(Version.get()).isNotEqualTo("unknown").contains(".");
  }
}
