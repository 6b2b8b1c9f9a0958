package dev.mqttbridge.kafka.connect.mapping;

import java.util.Map;

/**
 * What a {@link FilterTemplate} matched in a topic name: the variables of the templates. Values
 * are raw MQTT text.
 *
 * @param topic the MQTT topic name, variable {@code {mqtt.topic}}
 * @param captures the {@code {name}} captures
 * @param multiLevel the levels matched by {@code #}, joined with {@code /}; empty when none,
 *     variable {@code {#}}
 */
public record TopicMatch(String topic, Map<String, String> captures, String multiLevel) {

  public TopicMatch {
    captures = Map.copyOf(captures);
  }
}
