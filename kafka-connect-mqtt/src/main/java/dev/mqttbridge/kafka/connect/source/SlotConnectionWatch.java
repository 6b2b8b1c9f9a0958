package dev.mqttbridge.kafka.connect.source;

import dev.mqttbridge.kafka.connect.config.MqttClientFactory;
import dev.mqttbridge.mqtt.client.MqttConnectResult;
import dev.mqttbridge.mqtt.client.MqttConnectionListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears a slot client's connection events, which the client reconnects by itself: logs them,
 * remembers that a reconnect happened (slot 0 then reads the retained messages again), and turns
 * a refused certificate on a reconnect into a task failure, as it is at start. Runs on the
 * client's completion thread; the task thread reads what it recorded.
 */
final class SlotConnectionWatch implements MqttConnectionListener {

  private static final Logger LOG = LoggerFactory.getLogger(SlotConnectionWatch.class);

  private final String name;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicBoolean reconnected = new AtomicBoolean();
  private volatile ConnectException fatal;

  /** A watch for the client logs call {@code name}. */
  SlotConnectionWatch(String name) {
    this.name = name;
  }

  @Override
  public void connected(MqttConnectResult result) {
    if (connections.incrementAndGet() > 1) {
      LOG.info("{} reconnected; session present: {}", name, result.sessionPresent());
      reconnected.set(true);
    }
  }

  @Override
  public void disconnected(Throwable cause) {
    if (cause != null) {
      LOG.warn("{} lost its connection ({}); the client reconnects and resumes the session",
          name, cause.getMessage());
    }
  }

  @Override
  public void reconnecting(int attempt, Duration delay, Throwable cause) {
    if (MqttClientFactory.isCertificateRefusal(cause)) {
      fatal = new ConnectException(name + " cannot reconnect: " + cause.getMessage()
          + ". Check mqtt.ssl.truststore.*, mqtt.ssl.keystore.* and"
          + " mqtt.ssl.endpoint.identification.algorithm", cause);
    }
  }

  /** Whether the client reconnected since the last call. */
  boolean takeReconnected() {
    return reconnected.getAndSet(false);
  }

  /**
   * Fails when a reconnect was refused for its certificate, which retrying does not repair.
   *
   * @throws ConnectException saying so
   */
  void checkFatal() {
    ConnectException error = fatal;
    if (error != null) {
      throw error;
    }
  }
}
