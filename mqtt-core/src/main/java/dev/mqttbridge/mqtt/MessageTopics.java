package dev.mqttbridge.mqtt;

/** Topic checks for {@link MqttMessage}; one place so the rules are the topic model's. */
final class MessageTopics {

  private MessageTopics() {}

  static String requireTopicName(String topic) {
    if (topic == null) {
      throw new IllegalArgumentException("Topic name must not be null");
    }
    return dev.mqttbridge.mqtt.topic.TopicName.of(topic).toString();
  }
}
