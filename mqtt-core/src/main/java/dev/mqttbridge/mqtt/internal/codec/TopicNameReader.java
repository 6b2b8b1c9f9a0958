package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import dev.mqttbridge.mqtt.topic.TopicName;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the Topic Name of a PUBLISH and checks every topic name rule while doing so, so that the
 * message can take it without checking it again.
 *
 * <p>The common topic name is ASCII without U+0000 and without wildcards: one scan of its bytes
 * proves it valid (its length prefix already bounds it to 65,535 bytes). Anything else takes the
 * general path, a UTF-8 string read and then the topic model's check, which also words the
 * errors.
 */
final class TopicNameReader {

  private static final String WHAT = "Topic name";

  private TopicNameReader() {}

  /**
   * Reads a topic name.
   *
   * @return a valid topic name, or "" when it is empty (MQTT 5: a topic alias stands for it)
   * @throws MqttDecodeException MALFORMED_PACKET for a short buffer, broken UTF-8 or U+0000;
   *     TOPIC_NAME_INVALID for a wildcard [MQTT-3.3.2-2]
   */
  static String read(ByteBuf in) {
    int index = in.readerIndex();
    if (in.readableBytes() > 2) {
      int length = in.getUnsignedShort(index);
      int start = index + 2;
      if (length > 0 && length <= in.writerIndex() - start
          && AsciiScan.isPlainTopicName(in, start, length)) {
        in.readerIndex(start + length);
        return in.toString(start, length, StandardCharsets.ISO_8859_1);
      }
    }
    String topic = WireReader.readString(in, WHAT);
    return topic.isEmpty() ? topic : check(topic);
  }

  /**
   * Checks a decoded topic name against the topic model's rules.
   *
   * @throws MqttDecodeException TOPIC_NAME_INVALID when it breaks one
   */
  static String check(String topic) {
    try {
      return TopicName.of(topic).toString();
    } catch (InvalidTopicException e) {
      throw new MqttDecodeException(MqttReasonCode.TOPIC_NAME_INVALID, e.getMessage(), e);
    }
  }
}
