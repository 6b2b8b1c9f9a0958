package dev.mqttbridge.kafka.connect.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.kafka.connect.MqttHeaderConverter;
import dev.mqttbridge.kafka.connect.MqttSinkConnector;
import dev.mqttbridge.kafka.connect.MqttSourceConnector;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged plugin (the zip of {@code kafka-connect-mqtt}, built in the same reactor) unzipped
 * onto the {@code plugin.path} of a Kafka 4.4 worker in its own JVM, without our jars on the
 * worker's class path: the plugin loads isolated, reports our version, its own Jackson parses
 * JSON payloads, and the worker finds its header converter there.
 */
class PluginPathIT {

  private static final Path PACKAGES =
      Path.of("..", "kafka-connect-mqtt", "target", "components", "packages");

  @RegisterExtension
  static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();

  private static EmbeddedKafkaCluster kafka;
  private static ForkedConnectWorker worker;

  @BeforeAll
  static void start() throws Exception {
    Path directory = ForkedConnectWorker.logDirectory(PluginPathIT.class);
    Path pluginPath = Files.createDirectories(directory.resolve("plugins"));
    unzip(packagedPlugin(), pluginPath);
    Properties broker = new Properties();
    broker.put("offsets.topic.replication.factor", "1");
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    kafka = new EmbeddedKafkaCluster(1, broker);
    kafka.start();
    worker = new ForkedConnectWorker(kafka.bootstrapServers(), directory, pluginPath);
    worker.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (kafka != null) {
      kafka.stop();
    }
  }

  private static Path packagedPlugin() throws IOException {
    if (Files.isDirectory(PACKAGES)) {
      try (Stream<Path> files = Files.list(PACKAGES)) {
        List<Path> zips = files.filter(p -> p.toString().endsWith(".zip")).toList();
        if (zips.size() == 1) {
          return zips.get(0);
        }
      }
    }
    throw new IllegalStateException("No plugin zip in " + PACKAGES.toAbsolutePath()
        + ": build it first (mvn -pl kafka-connect-mqtt package, or mvn verify from the root)");
  }

  private static void unzip(Path zip, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(entries, path);
        }
      }
    }
  }

  @Test
  void isolatedPlugin_isListedWithOurVersion_andMovesJsonMessages() throws Exception {
    assertThat(worker.getBody("/connector-plugins"))
        .contains("\"class\":\"" + MqttSourceConnector.class.getName() + "\"")
        .contains("\"version\":\"0.1.0-SNAPSHOT\"");
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", MqttSourceConnector.class.getName());
    props.put("tasks.max", "1");
    props.put("mqtt.server.uris", BROKER.uri().toString());
    props.put("mqtt.topics", "isolated/{device}");
    props.put("kafka.topic", "isolated.{device}");
    props.put("errors.topic", "isolated.errors");
    props.put("record.value.format", "json");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter.schemas.enable", "false");
    props.put("topic.creation.default.replication.factor", "1");
    props.put("topic.creation.default.partitions", "1");
    worker.putConnector("isolated", props);
    worker.awaitRunning("isolated", 1, Duration.ofSeconds(60));

    try (MqttClient client = MqttClient.builder().serverUri(BROKER.uri().toString()).build()) {
      client.connect().join();
      client.publishAndWait(MqttMessage.builder("isolated/pump-1")
          .payload("{\"rpm\": 1200}").qos(1).build());
    }

    List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
    kafka.consume(1, 60_000, "isolated.pump-1").forEach(records::add);
    assertThat(new String(records.get(0).value(), UTF_8)).isEqualTo("{\"rpm\":1200}");
  }

  @Test
  void isolatedSinkPlugin_publishesMapValuesAsJsonWithItsOwnJackson() throws Exception {
    assertThat(worker.getBody("/connector-plugins"))
        .contains("\"class\":\"" + MqttSinkConnector.class.getName() + "\"");
    kafka.createTopic("isolated.commands", 1);
    CompletableFuture<MqttMessage> received = new CompletableFuture<>();
    try (MqttClient subscriber = MqttClient.builder().serverUri(BROKER.uri().toString()).build()) {
      subscriber.connect().join();
      subscriber.subscribe(MqttSubscription.of("isolated-out/#", MqttQos.AT_LEAST_ONCE),
          m -> received.complete(m.message())).join();
      Map<String, String> props = new HashMap<>();
      props.put("connector.class", MqttSinkConnector.class.getName());
      props.put("tasks.max", "1");
      props.put("topics", "isolated.commands");
      props.put("mqtt.server.uris", BROKER.uri().toString());
      props.put("mqtt.topic", "isolated-out/{value.device}");
      props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
      props.put("value.converter.schemas.enable", "false");
      worker.putConnector("isolated-sink", props);
      worker.awaitRunning("isolated-sink", 1, Duration.ofSeconds(60));

      kafka.produce("isolated.commands", "{\"device\":\"pump-1\",\"rpm\":900}");

      MqttMessage message = received.get(60, TimeUnit.SECONDS);
      assertThat(message.topic()).isEqualTo("isolated-out/pump-1");
      assertThat(message.payloadAsString()).isEqualTo("{\"device\":\"pump-1\",\"rpm\":900}");
    }
  }

  @Test
  void headerConverterFromThePlugin_keepsBinaryCorrelationDataByteForByteThroughSourceAndSink()
      throws Exception {
    assertThat(worker.getBody("/connector-plugins?connectorsOnly=false"))
        .contains("\"class\":\"" + MqttHeaderConverter.class.getName() + "\"");
    // Not UTF-8: Connect's default header converter would write it to Kafka as Base64 text.
    byte[] correlation = {0x00, (byte) 0xFF, 0x10, (byte) 0x80, (byte) 0xC3, 0x28};
    Map<String, String> source = new HashMap<>();
    source.put("connector.class", MqttSourceConnector.class.getName());
    source.put("tasks.max", "1");
    source.put("mqtt.server.uris", BROKER.uri().toString());
    source.put("mqtt.topics", "isolated-request/{device}");
    source.put("kafka.topic", "isolated.requests");
    source.put("errors.topic", "isolated.errors");
    source.put("header.converter", MqttHeaderConverter.class.getName());
    source.put("topic.creation.default.replication.factor", "1");
    source.put("topic.creation.default.partitions", "1");
    Map<String, String> sink = new HashMap<>();
    sink.put("connector.class", MqttSinkConnector.class.getName());
    sink.put("tasks.max", "1");
    sink.put("topics", "isolated.requests");
    sink.put("mqtt.server.uris", BROKER.uri().toString());
    sink.put("mqtt.client.id", "isolated-reply");
    sink.put("mqtt.topic", "isolated-reply/{header.mqtt.topic}");
    sink.put("header.converter", MqttHeaderConverter.class.getName());

    CompletableFuture<MqttMessage> received = new CompletableFuture<>();
    try (MqttClient device = MqttClient.builder().serverUri(BROKER.uri().toString()).build()) {
      device.connect().join();
      device.subscribe(MqttSubscription.of("isolated-reply/#", MqttQos.AT_LEAST_ONCE),
          m -> received.complete(m.message())).join();
      worker.putConnector("isolated-request", source);
      worker.awaitRunning("isolated-request", 1, Duration.ofSeconds(60));
      worker.putConnector("isolated-reply", sink);
      worker.awaitRunning("isolated-reply", 1, Duration.ofSeconds(60));

      device.publishAndWait(MqttMessage.builder("isolated-request/pump-1").payload("status?")
          .qos(1).correlationData(correlation).build());

      MqttMessage message = received.get(60, TimeUnit.SECONDS);
      assertThat(message.topic()).isEqualTo("isolated-reply/isolated-request/pump-1");
      assertThat(message.correlationData()).isEqualTo(correlation);
    }
    ConsumerRecord<byte[], byte[]> inKafka =
        kafka.consume(1, 60_000, "isolated.requests").iterator().next();
    assertThat(inKafka.headers().lastHeader("mqtt.correlation.data").value())
        .isEqualTo(correlation);
  }
}
