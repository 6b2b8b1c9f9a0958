package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttSubscription;
import java.util.List;

/**
 * A SUBACK: one reason code per subscription, in order (granted QoS or an error).
 *
 * @param subscriptions the subscriptions requested
 * @param reasonCodes the server's answer to each
 * @param subscriptionIdentifier the MQTT 5 subscription identifier the client assigned, or 0 when
 *     none was sent (3.1.1, or the server does not support them)
 */
public record MqttSubscribeResult(
    List<MqttSubscription> subscriptions,
    List<MqttReasonCode> reasonCodes,
    int subscriptionIdentifier) {

  public MqttSubscribeResult {
    subscriptions = List.copyOf(subscriptions);
    reasonCodes = List.copyOf(reasonCodes);
  }

  /** True when every subscription was granted. */
  public boolean isSuccess() {
    return reasonCodes.stream().noneMatch(MqttReasonCode::isError);
  }
}
