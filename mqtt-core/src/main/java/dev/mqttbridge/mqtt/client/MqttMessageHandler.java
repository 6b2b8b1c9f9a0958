package dev.mqttbridge.mqtt.client;

/**
 * Receives the messages of a subscription. Runs on the client's callback executor, never on the
 * network thread; a slow handler delays delivery to handlers but not keep alive.
 *
 * <p>Futures of the same client also complete on the callback executor. With the default
 * single-thread executor a handler must therefore not wait for one (for example
 * {@code client.publish(reply).join()}): chain on it instead, or configure an executor with more
 * threads.
 */
@FunctionalInterface
public interface MqttMessageHandler {

  /**
   * Called once per message. With manual acknowledgement the handler (or any thread, later) must
   * call {@link MqttReceivedMessage#acknowledge()}; otherwise the client acknowledges the message
   * when this method returns, or throws.
   */
  void onMessage(MqttReceivedMessage message);
}
