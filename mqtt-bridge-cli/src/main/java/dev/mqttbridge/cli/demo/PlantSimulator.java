package dev.mqttbridge.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sites x lines x sensors publishing JSON telemetry to {@code plant/{site}/line/{line}/{sensor}}
 * at a fixed rate, and obeying setpoint commands from {@code plant/{site}/commands/{line}}. Every
 * message carries a unique id and its send time so the far end can count and time it.
 */
final class PlantSimulator implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MqttClient client;
  private final PlantShape shape;
  private final String runId;
  private final MqttQos qos;
  private final ScheduledExecutorService ticker;
  private final Set<String> published = ConcurrentHashMap.newKeySet();
  private final Set<String> obeyedCommands = ConcurrentHashMap.newKeySet();
  private final Map<String, Double> setpoints = new ConcurrentHashMap<>();
  private final AtomicLong failedPublishes = new AtomicLong();
  private long sequence; // ticker thread only

  PlantSimulator(MqttClient client, PlantShape shape, String runId, int qos) {
    this.client = client;
    this.shape = shape;
    this.runId = runId;
    this.qos = MqttQos.of(qos);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "plant-simulator");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Connects, subscribes to commands and starts publishing. */
  void start() throws Exception {
    client.connect().get(30, TimeUnit.SECONDS);
    client.subscribe(MqttSubscription.of("plant/+/commands/#", MqttQos.AT_LEAST_ONCE),
        this::obey).get(30, TimeUnit.SECONDS);
    long periodMicros = 1_000_000L / shape.ratePerSensor();
    ticker.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
  }

  /** Stops publishing; publishes already sent may still complete. */
  void stopPublishing() throws InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Ids of messages the broker accepted (acknowledged for QoS 1 and 2, written for QoS 0). */
  Set<String> published() {
    return published;
  }

  long failedPublishes() {
    return failedPublishes.get();
  }

  /** Ids of commands received and applied. */
  Set<String> obeyedCommands() {
    return obeyedCommands;
  }

  private void tick() {
    long now = System.currentTimeMillis();
    for (int site = 1; site <= shape.sites(); site++) {
      for (int line = 1; line <= shape.lines(); line++) {
        double setpoint = setpoints.getOrDefault(PlantShape.siteName(site) + "/" + line, 20.0);
        for (int sensor = 1; sensor <= shape.sensors(); sensor++) {
          publish(site, line, sensor, setpoint, now);
        }
      }
    }
  }

  private void publish(int site, int line, int sensor, double setpoint, long now) {
    String id = runId + "-" + (++sequence);
    String siteName = PlantShape.siteName(site);
    String json = "{\"id\":\"" + id + "\",\"site\":\"" + siteName + "\",\"line\":\"" + line
        + "\",\"sensor\":\"sensor-" + sensor + "\",\"value\":"
        + String.format(java.util.Locale.ROOT, "%.2f", setpoint + Math.sin(now / 1000.0 + sensor))
        + ",\"ts\":" + now + "}";
    String topic = "plant/" + siteName + "/line/" + line + "/sensor-" + sensor;
    client.publish(MqttMessage.builder(topic).payload(json).qos(qos).build())
        .whenComplete((result, error) -> {
          if (error == null && result.isSuccess()) {
            published.add(id);
          } else {
            failedPublishes.incrementAndGet();
          }
        });
  }

  private void obey(MqttReceivedMessage received) {
    try {
      JsonNode command = JSON.readTree(received.message().payload());
      String key = command.path("site").asText() + "/" + command.path("line").asText();
      setpoints.put(key, command.path("setpoint").asDouble(20.0));
      obeyedCommands.add(command.path("id").asText());
    } catch (IOException notJson) {
      // Someone else's message on the commands topic: not ours to obey.
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    client.close();
  }
}
