package dev.mqttbridge.cli.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A one-node KRaft Kafka (broker and controller in one process) on loopback, with its log
 * directory under a given folder. Uses only Kafka's main jars: storage formatted with
 * {@link StorageTool}, then {@link KafkaRaftServer} in combined mode.
 */
final class EmbeddedKafka implements AutoCloseable {

  private final KafkaRaftServer server;
  private final String bootstrap;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrap) {
    this.server = server;
    this.bootstrap = bootstrap;
  }

  /** Formats a log directory under {@code dir} and starts the node. */
  static EmbeddedKafka start(Path dir) throws IOException {
    int brokerPort = FreePorts.next();
    int controllerPort = FreePorts.next();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort
        + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("log.dirs", dir.resolve("kraft").toString());
    props.put("num.partitions", "1");
    // One broker: internal topics must not ask for three replicas, or consumers never get records.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    Path config = dir.resolve("server.properties");
    try (Writer out = Files.newBufferedWriter(config)) {
      props.store(out, "mqtt-bridge demo");
    }
    String[] format = {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()};
    int formatted = StorageTool.execute(format, new PrintStream(OutputStream.nullOutputStream()));
    if (formatted != 0) {
      throw new IOException("Formatting the Kafka log directory failed (exit " + formatted + ")");
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    server.startup();
    return new EmbeddedKafka(server, "127.0.0.1:" + brokerPort);
  }

  /** {@code host:port} for clients. */
  String bootstrapServers() {
    return bootstrap;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
