package dev.mqttbridge.mqtt.client;

/**
 * Receives the messages of a subscription. Runs on the client's callback executor, never on the
 * network thread; a slow handler delays delivery to handlers but not keep alive.
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
