package dev.mqttbridge.benchmarks.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The little every client under test must do, so the harness drives them all the same way:
 * connect, subscribe with a callback, publish asynchronously (the future completes when the QoS
 * flow does), close.
 */
interface BenchmarkClient extends AutoCloseable {

  /** The client's name in the report. */
  String name();

  void connect(String host, int port, String clientId) throws Exception;

  /** Subscribes and waits for the SUBACK; {@code onMessage} gets each payload. */
  void subscribe(String topic, int qos, Consumer<byte[]> onMessage) throws Exception;

  CompletableFuture<?> publish(String topic, int qos, byte[] payload);

  @Override
  void close() throws Exception;
}
