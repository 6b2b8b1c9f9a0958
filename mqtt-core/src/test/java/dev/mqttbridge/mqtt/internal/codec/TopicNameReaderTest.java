package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import dev.mqttbridge.mqtt.topic.TopicName;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-scan topic name read of a PUBLISH against the general rule it shortcuts: a UTF-8 string
 * read and then {@link TopicName#of}, with the same result, the same reason code and the same
 * reader index on every input.
 */
class TopicNameReaderTest extends CodecVectorTest {

  /** Bytes that decide which path a topic takes and how it fails, plus plain ones. */
  private static final int[] ALPHABET = {
    'a', 'Z', '/', '$', ' ', 0x7F, 0x01, 0x00, '+', '#', 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0x80, 0xFF,
    0xF0, 0x9F
  };

  @ParameterizedTest
  @ValueSource(strings = {"a", "plant/line-4/sensor/temperature", "$SYS/uptime", "/", "//x/",
      "caf\u00e9", "\u20ac/\ud83d\ude00", "a b\u007f"})
  void validTopicName_isReadAndTheReaderIndexMovesPastIt(String topic) {
    byte[] text = topic.getBytes(StandardCharsets.UTF_8);
    ByteBuf in = buffer(withLength(text, 'x'));
    try {
      assertThat(TopicNameReader.read(in)).isEqualTo(topic);
      assertThat(in.readerIndex()).isEqualTo(2 + text.length);
    } finally {
      in.release();
    }
  }

  @Test
  void emptyTopicName_isEmpty() {
    ByteBuf in = buffer(bytes(0x00, 0x00, 0x23));
    try {
      assertThat(TopicNameReader.read(in)).isEmpty();
      assertThat(in.readerIndex()).isEqualTo(2);
    } finally {
      in.release();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/+", "#", "a/b#", "sport/+/player1"})
  void wildcard_isTopicNameInvalidAndSaysWhere(String topic) {
    MqttDecodeException e = readFails(withLength(topic.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.reasonCode()).isEqualTo(MqttReasonCode.TOPIC_NAME_INVALID);
    assertThat(e.getMessage()).contains("wildcard").contains("at index " + topic.indexOf(
        topic.contains("+") ? '+' : '#'));
  }

  @Test
  void nullCharacter_isMalformed() {
    assertThat(readFails(withLength(bytes('a', 0x00, 'b'))).reasonCode())
        .isEqualTo(MqttReasonCode.MALFORMED_PACKET);
  }

  @Test
  void lengthPastTheEnd_isMalformed() {
    assertThat(readFails(bytes(0x00, 0x05, 'a', 'b')).reasonCode())
        .isEqualTo(MqttReasonCode.MALFORMED_PACKET);
  }

  /** Random short byte strings over {@link #ALPHABET}: both paths agree on every one. */
  @Test
  void agreesWithTheGeneralRuleOnRandomBytes() {
    Random random = new Random(20_260_401);
    int valid = 0;
    int invalid = 0;
    for (int n = 0; n < 20_000; n++) {
      byte[] text = new byte[1 + random.nextInt(8)];
      for (int i = 0; i < text.length; i++) {
        text[i] = (byte) (random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)]
            : 'a' + random.nextInt(26));
      }
      byte[] wire = withLength(text, 'x', 'y');
      Object expected = reference(wire);
      Object actual = read(wire);
      assertThat(actual).as("topic bytes %s", java.util.Arrays.toString(text))
          .isEqualTo(expected);
      if (expected instanceof String) {
        valid++;
      } else {
        invalid++;
      }
    }
    assertThat(valid).as("valid samples").isGreaterThan(1_000);
    assertThat(invalid).as("invalid samples").isGreaterThan(1_000);
  }

  /** The topic and the reader index after it, or the reason code it fails with. */
  private static Object read(byte[] wire) {
    ByteBuf in = buffer(wire);
    try {
      return TopicNameReader.read(in) + "@" + in.readerIndex();
    } catch (MqttDecodeException e) {
      return e.reasonCode();
    } finally {
      in.release();
    }
  }

  /** What the general rule makes of the bytes: a UTF-8 string, then the topic model's check. */
  private static Object reference(byte[] wire) {
    ByteBuf in = buffer(wire);
    try {
      String topic = WireReader.readString(in, "Topic name");
      TopicName.of(topic);
      return topic + "@" + in.readerIndex();
    } catch (MqttDecodeException e) {
      return e.reasonCode();
    } catch (InvalidTopicException e) {
      return MqttReasonCode.TOPIC_NAME_INVALID;
    } finally {
      in.release();
    }
  }

  private static MqttDecodeException readFails(byte[] wire) {
    ByteBuf in = buffer(wire);
    try {
      MqttDecodeException e =
          catchThrowableOfType(MqttDecodeException.class, () -> TopicNameReader.read(in));
      assertThat(e).as("an exception").isNotNull();
      return e;
    } finally {
      in.release();
    }
  }

  /** The two-byte length, the text, then the trailing bytes (what follows the topic). */
  private static byte[] withLength(byte[] text, int... trailing) {
    byte[] wire = new byte[2 + text.length + trailing.length];
    wire[0] = (byte) (text.length >>> 8);
    wire[1] = (byte) text.length;
    System.arraycopy(text, 0, wire, 2, text.length);
    for (int i = 0; i < trailing.length; i++) {
      wire[2 + text.length + i] = (byte) trailing[i];
    }
    return wire;
  }
}
