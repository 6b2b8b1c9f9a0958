package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code mqtt.version=auto} on a real Kafka 4.4 broker and Connect worker, against Mosquitto and
 * our embedded broker: connected directly it speaks MQTT 5 (a record carries the MQTT 5 content
 * type, which 3.1.1 cannot transport); behind a front that answers MQTT 5 as a 3.1.1-only server
 * does (CONNACK return code 1), it falls back to 3.1.1 and still bridges.
 */
class SourceVersionAutoIT extends AbstractBothBrokersSourceIT {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private void startAutoConnector(String id, String serverUri) throws InterruptedException {
    Map<String, String> props = SourceConnectorProps.of(id, serverUri, id + "/data", id + ".data");
    props.put("mqtt.version", "auto");
    startConnector(id, props);
  }

  /** Publishes with MQTT 5 straight to the broker and reads the record the connector wrote. */
  private static ConsumerRecord<byte[], byte[]> bridged(Broker broker, String id) {
    try (MqttClient publisher = MqttClient.builder().serverUri(broker.uri()).build()) {
      publisher.connect().join();
      publisher.publishAndWait(MqttMessage.builder(id + "/data").payload("42".getBytes(UTF_8))
          .qos(1).contentType("text/plain").build());
    }
    return consume(1, id + ".data").get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void auto_againstABrokerSpeaking5_usesMqtt5(Broker broker) throws Exception {
    String id = "auto" + SEQUENCE.incrementAndGet() + broker.name();
    startAutoConnector(id, broker.uri());

    ConsumerRecord<byte[], byte[]> record = bridged(broker, id);

    assertThat(new String(record.value(), UTF_8)).isEqualTo("42");
    assertThat(record.headers().lastHeader("mqtt.content.type"))
        .as("an MQTT 5 property reached the record: the session is MQTT 5").isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void auto_againstAServerRefusing5_fallsBackTo311(Broker broker) throws Exception {
    String id = "auto" + SEQUENCE.incrementAndGet() + broker.name();
    try (Mqtt311OnlyGate gate = Mqtt311OnlyGate.start(broker.port())) {
      startAutoConnector(id, gate.uri());

      ConsumerRecord<byte[], byte[]> record = bridged(broker, id);

      assertThat(new String(record.value(), UTF_8)).isEqualTo("42");
      assertThat(record.headers().lastHeader("mqtt.content.type"))
          .as("3.1.1 carries no properties").isNull();
      assertThat(gate.refusedMqtt5()).as("MQTT 5 was tried first").isPositive();
      assertThat(gate.relayed()).as("then 3.1.1 connected").isPositive();
    }
  }
}
