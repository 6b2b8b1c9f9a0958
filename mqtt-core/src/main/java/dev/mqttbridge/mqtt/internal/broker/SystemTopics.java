package dev.mqttbridge.mqtt.internal.broker;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.broker.BrokerMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the broker's metrics as retained QoS 0 messages under {@code $SYS/broker/} at a fixed
 * interval, with Mosquitto's topic names where it has one, so existing dashboards read them.
 */
public final class SystemTopics implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SystemTopics.class);

  private final BrokerCore core;
  private final Supplier<BrokerMetrics> metrics;
  private final LongSupplier clock;
  private final long startedMillis;
  private final ScheduledExecutorService timer;

  /** Publishes once now, then every {@code interval}, on its own daemon thread. */
  public SystemTopics(BrokerCore core, Supplier<BrokerMetrics> metrics, Duration interval,
      String name) {
    this.core = core;
    this.metrics = metrics;
    this.clock = core.clock();
    this.startedMillis = clock.getAsLong();
    this.timer = Executors.newSingleThreadScheduledExecutor(SessionLoops.daemon(name + "-sys"));
    timer.scheduleAtFixedRate(this::publishSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The topic and value of each figure, in publishing order. */
  static Map<String, String> topics(BrokerMetrics metrics, long uptimeSeconds) {
    Map<String, String> topics = new LinkedHashMap<>();
    topics.put("$SYS/broker/uptime", uptimeSeconds + " seconds");
    topics.put("$SYS/broker/clients/connected", String.valueOf(metrics.connectedClients()));
    topics.put("$SYS/broker/connections/open", String.valueOf(metrics.connections()));
    topics.put("$SYS/broker/messages/received", String.valueOf(metrics.messagesReceived()));
    topics.put("$SYS/broker/messages/sent", String.valueOf(metrics.messagesSent()));
    topics.put("$SYS/broker/messages/dropped", String.valueOf(metrics.messagesDropped()));
    topics.put("$SYS/broker/bytes/received", String.valueOf(metrics.bytesReceived()));
    topics.put("$SYS/broker/bytes/sent", String.valueOf(metrics.bytesSent()));
    topics.put("$SYS/broker/retained messages/count",
        String.valueOf(metrics.retainedMessages()));
    topics.put("$SYS/broker/subscriptions/count", String.valueOf(metrics.subscriptions()));
    return topics;
  }

  private void publishSafely() {
    try {
      long uptime = (clock.getAsLong() - startedMillis) / 1000;
      topics(metrics.get(), uptime).forEach((topic, value) ->
          core.publishOwn(MqttMessage.builder(topic).payload(value).retain(true).build()));
    } catch (RuntimeException e) { // a failure must not cancel the schedule
      LOG.warn("Failed to publish $SYS topics", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
