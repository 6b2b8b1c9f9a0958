package dev.mqttbridge.kafka.connect.sink;

import dev.mqttbridge.kafka.connect.config.MqttConnectionConfig;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttConnectException;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a sink task's MQTT client: clean start, no automatic reconnect (the task replaces a lost
 * session and reads unacknowledged records again from Kafka), a pending queue as large as the
 * task's bound so that backpressure is the task's, not a failed publish.
 */
public final class SessionFactory {

  private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

  private final MqttConnectionConfig connection;
  private final String clientId;
  private final long sessionExpirySeconds;
  private final int maxPending;

  /** A factory for one task's sessions. */
  public SessionFactory(MqttConnectionConfig connection, String clientId,
      long sessionExpirySeconds, int maxPending) {
    this.connection = connection;
    this.clientId = clientId;
    this.sessionExpirySeconds = sessionExpirySeconds;
    this.maxPending = maxPending;
  }

  /**
   * Connects a new session.
   *
   * @throws RetriableException when no server accepts the connection
   */
  public PublishSession connect() {
    List<MqttVersion> versions = connection.versions();
    for (int i = 0; i < versions.size(); i++) {
      MqttVersion version = versions.get(i);
      MqttClient client = MqttClient.builder()
          .serverUris(connection.serverUris())
          .version(version)
          .clientId(clientId)
          .keepAlive(connection.keepAliveSeconds())
          .username(connection.username())
          .password(connection.password() == null ? null : connection.password().value())
          .cleanStart(true)
          .sessionExpiryInterval(sessionExpirySeconds)
          .reconnectPolicy(MqttReconnectPolicy.DISABLED)
          .maximumPendingPublishes(maxPending)
          .build();
      try {
        client.connect().join();
        LOG.info("MQTT sink client {} connected with MQTT {}", clientId, version);
        return new PublishSession(client, maxPending);
      } catch (CompletionException e) {
        client.close();
        boolean versionRefused = e.getCause() instanceof MqttConnectException refused
            && refused.reasonCode().orElse(null) == MqttReasonCode.UNSUPPORTED_PROTOCOL_VERSION;
        if (versionRefused && i + 1 < versions.size()) {
          continue;
        }
        throw new RetriableException("MQTT sink client " + clientId + " cannot connect to "
            + connection.serverUris() + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
    throw new IllegalStateException("No MQTT version to try");
  }
}
