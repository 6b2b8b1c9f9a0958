package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttReasonCode;
import java.util.List;

/**
 * An UNSUBACK: one reason code per topic filter (MQTT 3.1.1: always {@code SUCCESS}).
 *
 * @param topicFilters the topic filters unsubscribed
 * @param reasonCodes the server's answer to each
 */
public record MqttUnsubscribeResult(List<String> topicFilters, List<MqttReasonCode> reasonCodes) {

  public MqttUnsubscribeResult {
    topicFilters = List.copyOf(topicFilters);
    reasonCodes = List.copyOf(reasonCodes);
  }
}
