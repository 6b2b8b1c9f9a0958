package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttReasonCode;

/**
 * The topic aliases the peer set on this connection (MQTT 5 section 3.3.2.3.4): alias to topic
 * name, at most the Topic Alias Maximum we announced. Connection-scoped, used on one event loop.
 */
final class InboundTopicAliases {

  private int maximum;

  /** Index = alias; allocated on first use and grown as needed, never past {@code maximum + 1}. */
  private String[] topics;

  int maximum() {
    return maximum;
  }

  /** Sets the maximum; aliases above a lowered maximum are forgotten. */
  void maximum(int maximum) {
    if (maximum < 0 || maximum > 0xFFFF) {
      throw new IllegalArgumentException("Topic alias maximum out of range 0..65535: " + maximum);
    }
    this.maximum = maximum;
    if (topics != null && topics.length > maximum + 1) {
      String[] kept = new String[maximum + 1];
      System.arraycopy(topics, 0, kept, 0, kept.length);
      topics = kept;
    }
  }

  /**
   * Maps an alias to a topic name, replacing an earlier mapping [MQTT-3.3.2-12].
   *
   * @throws MqttDecodeException TOPIC_ALIAS_INVALID for 0 or an alias above the maximum
   */
  void register(int alias, String topic) {
    check(alias);
    if (topics == null || alias >= topics.length) {
      int length = Math.min(maximum + 1, Math.max(alias + 1, topics == null ? 16 : 2 * topics.length));
      String[] grown = new String[length];
      if (topics != null) {
        System.arraycopy(topics, 0, grown, 0, topics.length);
      }
      topics = grown;
    }
    topics[alias] = topic;
  }

  /**
   * The topic name mapped to an alias.
   *
   * @throws MqttDecodeException TOPIC_ALIAS_INVALID for 0, an alias above the maximum, or one with
   *     no mapping yet
   */
  String resolve(int alias) {
    check(alias);
    String topic = topics == null || alias >= topics.length ? null : topics[alias];
    if (topic == null) {
      throw new MqttDecodeException(MqttReasonCode.TOPIC_ALIAS_INVALID,
          "Topic alias " + alias + " has no topic name mapped on this connection");
    }
    return topic;
  }

  private void check(int alias) {
    if (alias == 0) {
      throw new MqttDecodeException(
          MqttReasonCode.TOPIC_ALIAS_INVALID, "Topic alias 0 is not allowed [MQTT-3.3.2-8]");
    }
    if (alias > maximum) {
      throw new MqttDecodeException(MqttReasonCode.TOPIC_ALIAS_INVALID, "Topic alias " + alias
          + " exceeds the topic alias maximum " + maximum + " [MQTT-3.3.2-9] [MQTT-3.3.2-10]");
    }
  }
}
