package dev.mqttbridge.mqtt.client;

/**
 * Backpressure: the inflight window and the bounded queue of waiting publishes are both full (see
 * {@link MqttClientBuilder#maximumPendingPublishes(int)}). Nothing was sent; retry after some of
 * the earlier publish futures completed, or use {@link MqttClient#publishWhenRoom}, which waits.
 */
public final class MqttQueueFullException extends MqttClientException {

  private static final long serialVersionUID = 1L;

  public MqttQueueFullException(String message) {
    super(message);
  }
}
