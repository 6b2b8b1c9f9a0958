package dev.mqttbridge.mqtt.topic;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules topic names and topic filters share (MQTT 3.1.1 and 5.0, sections 1.5.3 and 4.7.3),
 * level splitting, and the wording of {@link InvalidTopicException} messages.
 */
final class TopicText {

  /** Longest UTF-8 encoded topic, in bytes: the string length prefix is two bytes. */
  static final int MAX_ENCODED_LENGTH = 65_535;

  static final char LEVEL_SEPARATOR = '/';

  /** Longer texts are shortened in exception messages so a 64 KiB topic does not flood a log. */
  private static final int MAX_QUOTED_CHARS = 100;

  private TopicText() {}

  /**
   * Checks what every topic name and topic filter must satisfy: at least one character, no
   * U+0000, well-formed UTF-16 (so it encodes to well-formed UTF-8), and at most 65,535 bytes once
   * encoded.
   *
   * @param kind "topic name" or "topic filter", for the message
   */
  static void checkCommonRules(String kind, String text) {
    if (text.isEmpty()) {
      throw invalid(kind, text, "must be at least one character long");
    }
    int encodedLength = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        throw invalid(kind, text, "the null character U+0000 is not allowed (at index " + i + ")");
      } else if (c < 0x80) {
        encodedLength += 1;
      } else if (c < 0x800) {
        encodedLength += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        encodedLength += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalid(
            kind,
            text,
            String.format(
                "unpaired surrogate U+%04X at index %d cannot be encoded as UTF-8", (int) c, i));
      } else {
        encodedLength += 3;
      }
    }
    if (encodedLength > MAX_ENCODED_LENGTH) {
      throw invalid(
          kind,
          text,
          "UTF-8 encoded length is "
              + encodedLength
              + " bytes, more than the maximum of "
              + MAX_ENCODED_LENGTH);
    }
  }

  /** Splits on every '/', keeping empty levels: "a//b" has three levels, "/" has two. */
  static List<String> splitLevels(String text) {
    List<String> levels = new ArrayList<>();
    int start = 0;
    int separator;
    while ((separator = text.indexOf(LEVEL_SEPARATOR, start)) >= 0) {
      levels.add(text.substring(start, separator));
      start = separator + 1;
    }
    levels.add(text.substring(start));
    return List.copyOf(levels);
  }

  static InvalidTopicException invalid(String kind, String text, String problem) {
    return new InvalidTopicException("Invalid " + kind + " '" + quote(text) + "': " + problem);
  }

  /** The text with control characters and unpaired surrogates escaped, shortened if long. */
  private static String quote(String text) {
    int end = Math.min(text.length(), MAX_QUOTED_CHARS);
    StringBuilder quoted = new StringBuilder(end + 16);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean pairedHigh =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      boolean pairedLow =
          Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
      if (Character.isISOControl(c) || (Character.isSurrogate(c) && !pairedHigh && !pairedLow)) {
        quoted.append(String.format("\\u%04X", (int) c));
      } else if (pairedHigh && i + 1 == end) {
        break; // do not cut a pair in half
      } else {
        quoted.append(c);
      }
    }
    if (end < text.length()) {
      quoted.append("...(").append(text.length()).append(" chars)");
    }
    return quoted.toString();
  }
}
