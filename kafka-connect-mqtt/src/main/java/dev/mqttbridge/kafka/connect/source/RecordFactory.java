package dev.mqttbridge.kafka.connect.source;

import dev.mqttbridge.kafka.connect.mapping.MqttHeaders;
import dev.mqttbridge.kafka.connect.mapping.Route;
import dev.mqttbridge.kafka.connect.mapping.Template;
import dev.mqttbridge.kafka.connect.mapping.TopicDecision;
import dev.mqttbridge.kafka.connect.mapping.TopicMatch;
import dev.mqttbridge.kafka.connect.mapping.TopicResolver;
import dev.mqttbridge.kafka.connect.mapping.UnconvertibleMessageException;
import dev.mqttbridge.kafka.connect.mapping.ValueFormat;
import dev.mqttbridge.mqtt.MqttMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a received MQTT message into the record to send: to its mapped topic, or to the errors
 * topic with the reason in headers when the payload is too large, the target is refused or the
 * payload does not fit the value format. Thread-safe.
 *
 * <p>Records carry no source partition or offset: MQTT has no replayable position, the broker's
 * session is the position.
 */
public final class RecordFactory {

  private final List<Route> routes;
  private final TopicResolver resolver;
  private final Template keyTemplate;
  private final ValueFormat valueFormat;
  private final int maxPayloadBytes;
  private final String errorsTopic;

  /**
   * @param routes the routes, in config order (the first match wins for messages no subscription
   *     handler claimed)
   * @param resolver decides target topics
   * @param keyTemplate the key template; empty for null keys
   * @param valueFormat the value format
   * @param maxPayloadBytes the largest payload that becomes a record
   * @param errorsTopic where unconvertible messages go
   */
  public RecordFactory(List<Route> routes, TopicResolver resolver, Template keyTemplate,
      ValueFormat valueFormat, int maxPayloadBytes, String errorsTopic) {
    this.routes = List.copyOf(routes);
    this.resolver = resolver;
    this.keyTemplate = keyTemplate;
    this.valueFormat = valueFormat;
    this.maxPayloadBytes = maxPayloadBytes;
    this.errorsTopic = errorsTopic;
  }

  /** The first route whose filter matches the topic, for messages of a resumed session. */
  public Optional<Route> routeOf(String topic) {
    return routes.stream().filter(r -> r.filter().filter().matches(topic)).findFirst();
  }

  /**
   * The record of a message that reached a route's subscription.
   *
   * @param route the route whose subscription delivered the message
   * @param message the message
   * @param duplicate the MQTT DUP flag
   * @param received when the task received it
   */
  public SourceRecord toRecord(Route route, MqttMessage message, boolean duplicate, Instant received) {
    Headers headers = MqttHeaders.of(message, duplicate);
    Optional<TopicMatch> match = route.filter().match(message.topic());
    if (match.isEmpty()) {
      // The broker delivered a topic the filter does not match: should not happen; keep it anyway.
      return error(message, headers, received, "topic.unmatched",
          "Topic does not match filter " + route.filter(), null);
    }
    String key = keyTemplate.isEmpty() ? null : keyTemplate.render(match.get());
    if (message.payloadSize() > maxPayloadBytes) {
      return error(message, headers, received, "payload.too.large", "Payload of "
          + message.payloadSize() + " bytes is over mqtt.max.payload.bytes=" + maxPayloadBytes, key);
    }
    TopicDecision decision = resolver.resolve(route.topic(), match.get());
    if (!decision.isAccepted()) {
      return error(message, headers, received, decision.refusal().code(),
          "Target topic refused: '" + decision.rawTarget() + "'", key);
    }
    SchemaAndValue value;
    try {
      value = valueFormat.convert(message, duplicate, received);
    } catch (UnconvertibleMessageException e) {
      return error(message, headers, received, e.reason(), e.getMessage(), key);
    }
    return new SourceRecord(null, null, decision.topic(), null, Schema.OPTIONAL_STRING_SCHEMA, key,
        value.schema(), value.value(), received.toEpochMilli(), headers);
  }

  /** The errors-topic record; the payload is left out when it is too large for Kafka. */
  private SourceRecord error(MqttMessage message, Headers headers, Instant received, String reason,
      String detail, String key) {
    headers.addString(MqttHeaders.ERROR_REASON, reason);
    headers.addString(MqttHeaders.ERROR_MESSAGE, detail);
    headers.addInt(MqttHeaders.PAYLOAD_SIZE, message.payloadSize());
    byte[] payload = message.payloadSize() > maxPayloadBytes ? null : message.payload();
    return new SourceRecord(null, null, errorsTopic, null, Schema.OPTIONAL_STRING_SCHEMA,
        key == null ? message.topic() : key, Schema.OPTIONAL_BYTES_SCHEMA, payload,
        received.toEpochMilli(), headers);
  }
}
