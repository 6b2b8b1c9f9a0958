package dev.mqttbridge.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.kafka.connect.mapping.MqttHeaders;
import dev.mqttbridge.kafka.connect.mapping.Route;
import dev.mqttbridge.kafka.connect.mapping.Template;
import dev.mqttbridge.kafka.connect.mapping.TopicResolver;
import dev.mqttbridge.kafka.connect.mapping.ValueFormat;
import dev.mqttbridge.mqtt.MqttMessage;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordFactoryTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-25T05:00:00Z");
  private static final Route TELEMETRY = Route.parseMapping("plant/{site}/# => telemetry.{site}");
  private static final Route ALARMS = Route.parseMapping("alarms/+ => alarms");

  private static RecordFactory factory(String keyTemplate) {
    return new RecordFactory(List.of(TELEMETRY, ALARMS), new TopicResolver(null, List.of("errors")),
        Template.parse(keyTemplate), ValueFormat.BYTES, 10, "errors");
  }

  private static MqttMessage message(String topic, int size) {
    return MqttMessage.builder(topic).payload(new byte[size]).qos(1).build();
  }

  @Test
  void record_carriesTopicKeyTimestampAndNoSourceOffset() {
    SourceRecord record = factory("{site}").toRecord(TELEMETRY, message("plant/lyon/x", 3), true, RECEIVED);

    assertThat(record.topic()).isEqualTo("telemetry.lyon");
    assertThat(record.key()).isEqualTo("lyon");
    assertThat(record.timestamp()).isEqualTo(RECEIVED.toEpochMilli());
    assertThat(record.sourcePartition()).isNull();
    assertThat(record.sourceOffset()).isNull();
    assertThat(record.headers().lastWithName(MqttHeaders.DUPLICATE).value()).isEqualTo(true);
  }

  @Test
  void emptyKeyTemplate_givesNullKey_butErrorRecordsAreKeyedByMqttTopic() {
    RecordFactory factory = factory("");

    assertThat(factory.toRecord(TELEMETRY, message("plant/lyon", 1), false, RECEIVED).key()).isNull();
    SourceRecord error = factory.toRecord(TELEMETRY, message("plant/lyon", 11), false, RECEIVED);
    assertThat(error.topic()).isEqualTo("errors");
    assertThat(error.key()).isEqualTo("plant/lyon");
    assertThat(error.value()).isNull();
  }

  @Test
  void payloadAtTheBound_isARecord_oneByteMoreIsAnError() {
    RecordFactory factory = factory("{mqtt.topic}");

    assertThat(factory.toRecord(TELEMETRY, message("plant/a", 10), false, RECEIVED).topic())
        .isEqualTo("telemetry.a");
    assertThat(factory.toRecord(TELEMETRY, message("plant/a", 11), false, RECEIVED).topic())
        .isEqualTo("errors");
  }

  @Test
  void routeOf_findsTheFirstMatchingFilter_forMessagesOfAResumedSession() {
    RecordFactory factory = factory("");

    assertThat(factory.routeOf("alarms/pump")).contains(ALARMS);
    assertThat(factory.routeOf("plant/lyon/line")).contains(TELEMETRY);
    assertThat(factory.routeOf("other/topic")).isEmpty();
  }
}
