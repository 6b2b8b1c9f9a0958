package dev.mqttbridge.kafka.connect.source;

import dev.mqttbridge.kafka.connect.config.MqttClientFactory;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttRetainHandling;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientBuilder;
import dev.mqttbridge.mqtt.client.MqttMessageHandler;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the retained messages of the source's filters once, for slot 0 with {@code
 * mqtt.retained.ingest=true}. Shared subscriptions never get retained messages on subscribe, so a
 * client of its own ({@code PREFIX-0-retained}, clean start, no session after it) subscribes each
 * filter plainly and unsubscribes as soon as the broker granted it: the broker queued the retained
 * messages before it handles the UNSUBSCRIBE, and they still arrive.
 *
 * <p>Messages with the retain flag go to the handler and are acknowledged once Kafka has their
 * records, like any other; the live messages the plain subscription gets meanwhile (retain flag
 * clear) are acknowledged and skipped, since the shared subscription delivers them. The client
 * then stays connected and idle until the slot closes: closing it earlier would drop retained
 * messages not yet acknowledged.
 */
final class RetainedReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetainedReader.class);

  private final MqttClient client;

  private RetainedReader(MqttClient client) {
    this.client = client;
  }

  /**
   * Connects the reader and asks for the retained messages.
   *
   * @param clients builds the client
   * @param clientId the reader's client id
   * @param builderSettings the source side's settings (receive maximum); the session settings
   *     are the reader's own
   * @param filters the effective topic filters, without share prefix
   * @param qos the subscription QoS
   * @param handler receives the retained messages; it finds their route by topic
   * @return the reader, or empty when the broker could not be reached this time (logged)
   */
  static Optional<RetainedReader> open(MqttClientFactory clients, String clientId,
      UnaryOperator<MqttClientBuilder> builderSettings, List<String> filters, MqttQos qos,
      MqttMessageHandler handler) {
    MqttMessageHandler retainedOnly = message -> {
      if (message.message().isRetain()) {
        handler.onMessage(message);
      } else {
        message.acknowledge();
      }
    };
    UnaryOperator<MqttClientBuilder> settings = builder -> builderSettings.apply(builder)
        .cleanStart(true)
        .sessionExpiryInterval(0)
        .manualAcknowledgement(true)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED)
        // After UNSUBSCRIBE the client forgets the handler; the queued retained messages still come.
        .defaultHandler(retainedOnly);
    try {
      return Optional.of(clients.open(clientId, "Retained reader " + clientId, settings,
          (client, version) -> {
            client.connect().join();
            RetainedReader reader = new RetainedReader(client);
            filters.forEach(filter -> reader.request(filter, qos, retainedOnly));
            return reader;
          }));
    } catch (ConnectException e) {
      // Includes RetriableException: the next connect of slot 0 reads them again.
      LOG.warn("Retained messages not read this time: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private void request(String filter, MqttQos qos, MqttMessageHandler retainedOnly) {
    MqttSubscription plain = MqttSubscription.builder(filter)
        .qos(qos)
        .retainHandling(MqttRetainHandling.SEND)
        .build();
    client.subscribe(plain, retainedOnly).whenComplete((granted, error) -> {
      if (error == null) {
        LOG.info("Retained messages of {} requested ({})", filter, granted.reasonCodes());
        client.unsubscribe(List.of(filter));
      }
    });
  }

  @Override
  public void close() {
    client.close();
  }
}
