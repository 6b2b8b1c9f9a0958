package dev.mqttbridge.cli.demo;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes setpoint commands to the Kafka {@code commands} topic, which the sink sends to MQTT. */
final class CommandSender implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final String runId;
  private int sent;

  CommandSender(String bootstrapServers, String runId) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    this.runId = runId;
  }

  /** Sends one command and waits for Kafka to have it; returns the command id. */
  String send(String site, int line, double setpoint) throws Exception {
    String id = runId + "-command-" + (++sent);
    String json = "{\"id\":\"" + id + "\",\"site\":\"" + site + "\",\"line\":\"" + line
        + "\",\"setpoint\":" + setpoint + "}";
    producer.send(new ProducerRecord<>(DemoConnectors.COMMANDS_TOPIC, site + "/" + line, json))
        .get(30, TimeUnit.SECONDS);
    return id;
  }

  @Override
  public void close() {
    producer.close();
  }
}
