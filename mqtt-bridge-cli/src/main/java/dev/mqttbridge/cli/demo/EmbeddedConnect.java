package dev.mqttbridge.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A distributed Kafka Connect worker in this process, its REST API on a free loopback port, its
 * storage topics with one replica. Plugins come from the class path (our jar carries them).
 */
final class EmbeddedConnect implements AutoCloseable {

  private final Connect<DistributedHerder> connect;

  private EmbeddedConnect(Connect<DistributedHerder> connect) {
    this.connect = connect;
  }

  static EmbeddedConnect start(String bootstrapServers, String runId, Path dir)
      throws IOException {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", "mqtt-bridge-demo-" + runId);
    props.put("config.storage.topic", "demo-" + runId + "-configs");
    props.put("offset.storage.topic", "demo-" + runId + "-offsets");
    props.put("status.storage.topic", "demo-" + runId + "-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("listeners", "http://127.0.0.1:0");
    props.put("offset.flush.interval.ms", "1000");
    // Kafka 4 wants a plugin path; an empty one leaves our class path as the only plugin source.
    props.put("plugin.path", Files.createDirectories(dir.resolve("plugins")).toString());
    Connect<DistributedHerder> connect = new ConnectDistributed().startConnect(props);
    return new EmbeddedConnect(connect);
  }

  /** The worker's REST API, for the curious. */
  URI restUrl() {
    return connect.rest().serverUrl();
  }

  /** Creates (or replaces) a connector and waits until it and all its tasks run. */
  void runConnector(String name, Map<String, String> config, Duration timeout) throws Exception {
    Herder herder = connect.herder();
    FutureCallback<Herder.Created<org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo>>
        created = new FutureCallback<>();
    Map<String, String> named = new HashMap<>(config);
    named.put("name", name); // the REST API fills it in from the URL; the herder does not
    herder.putConnectorConfig(name, named, true, created);
    created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not reported";
    while (System.nanoTime() < deadline) {
      try {
        ConnectorStateInfo status = herder.connectorStatus(name);
        last = describe(status);
        if ("RUNNING".equals(status.connector().state()) && !status.tasks().isEmpty()
            && status.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()))) {
          return;
        }
        if ("FAILED".equals(status.connector().state())
            || status.tasks().stream().anyMatch(t -> "FAILED".equals(t.state()))) {
          break;
        }
      } catch (RuntimeException notYetKnown) {
        last = notYetKnown.getMessage();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Connector " + name + " did not start: " + last);
  }

  private static String describe(ConnectorStateInfo status) {
    StringBuilder text = new StringBuilder(status.connector().state());
    status.tasks().forEach(t -> {
      text.append(", task ").append(t.id()).append(' ').append(t.state());
      if (t.trace() != null) {
        text.append(": ").append(t.trace().lines().findFirst().orElse(""));
      }
    });
    if (status.connector().trace() != null) {
      text.append(": ").append(status.connector().trace().lines().findFirst().orElse(""));
    }
    return text.toString();
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }
}
