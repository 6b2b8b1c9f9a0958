package dev.mqttbridge.kafka.connect.it;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** One-broker, one-worker Connect clusters for the ITs, with the settings a single broker needs. */
final class ConnectClusters {

  private ConnectClusters() {}

  /** A started cluster: KRaft broker and one distributed worker in this JVM. */
  static EmbeddedConnectCluster start(String name) {
    Properties broker = new Properties();
    // One broker: internal topics must not ask for three replicas, or consumers never get records.
    broker.put("offsets.topic.replication.factor", "1");
    broker.put("transaction.state.log.replication.factor", "1");
    broker.put("transaction.state.log.min.isr", "1");
    broker.put("auto.create.topics.enable", "false");
    Map<String, String> worker = new HashMap<>(); // the builder needs a mutable map
    worker.put("offset.flush.interval.ms", "1000");
    EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
        .name(name)
        .numWorkers(1)
        .numBrokers(1)
        .brokerProps(broker)
        .workerProps(worker)
        .build();
    cluster.start();
    return cluster;
  }
}
