package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** What one handler sees of one received PUBLISH; its acknowledgement counts towards the flow's. */
final class ReceivedMessage implements MqttReceivedMessage {

  private final MqttMessage message;
  private final boolean duplicate;
  private final List<Integer> subscriptionIdentifiers;
  private final IncomingFlow flow;
  private final AtomicBoolean acknowledged = new AtomicBoolean();

  ReceivedMessage(MqttMessage message, boolean duplicate, List<Integer> subscriptionIdentifiers,
      IncomingFlow flow) {
    this.message = message;
    this.duplicate = duplicate;
    this.subscriptionIdentifiers = subscriptionIdentifiers;
    this.flow = flow;
  }

  @Override
  public MqttMessage message() {
    return message;
  }

  @Override
  public boolean isDuplicate() {
    return duplicate;
  }

  @Override
  public List<Integer> subscriptionIdentifiers() {
    return subscriptionIdentifiers;
  }

  @Override
  public void acknowledge() {
    if (acknowledged.compareAndSet(false, true)) {
      flow.handlerAcknowledged();
    }
  }

  @Override
  public String toString() {
    return "MqttReceivedMessage{" + message + ", dup=" + duplicate + "}";
  }
}
