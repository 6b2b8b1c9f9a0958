package dev.mqttbridge.kafka.connect.sink;

import dev.mqttbridge.kafka.connect.config.MqttClientFactory;
import dev.mqttbridge.kafka.connect.config.MqttConnectionConfig;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Connects a sink task's MQTT client: clean start, no automatic reconnect (the task replaces a lost
 * session and reads unacknowledged records again from Kafka), a pending queue as large as the
 * task's bound so that backpressure is the task's, not a failed publish. The connection settings,
 * TLS and the version fallback are the shared {@link MqttClientFactory}'s.
 */
public final class SessionFactory {

  private final MqttClientFactory clients;
  private final String clientId;
  private final long sessionExpirySeconds;
  private final int maxPending;

  /** A factory for one task's sessions. */
  public SessionFactory(MqttConnectionConfig connection, String clientId,
      long sessionExpirySeconds, int maxPending) {
    this.clients = new MqttClientFactory(connection);
    this.clientId = clientId;
    this.sessionExpirySeconds = sessionExpirySeconds;
    this.maxPending = maxPending;
  }

  /**
   * Connects a new session.
   *
   * @throws RetriableException when no server accepts the connection
   * @throws ConnectException when TLS material does not load or a certificate was refused
   */
  public PublishSession connect() {
    return clients.open(clientId, "MQTT sink client " + clientId,
        builder -> builder
            .cleanStart(true)
            .sessionExpiryInterval(sessionExpirySeconds)
            .reconnectPolicy(MqttReconnectPolicy.DISABLED)
            .maximumPendingPublishes(maxPending),
        (client, version) -> {
          client.connect().join();
          return new PublishSession(client, maxPending);
        });
  }
}
