package dev.mqttbridge.test.mosquitto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads the last lines of a small text file for failure messages; never throws. */
final class LogTail {

  private LogTail() {
  }

  /** The last {@code lines} lines of {@code file}, or a note saying why there are none. */
  static String of(Path file, int lines) {
    try {
      List<String> all = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R"));
      List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
      return String.join("\n", tail);
    } catch (NoSuchFileException e) {
      return "(" + file + " does not exist)";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** The text of {@code file} from byte {@code offset} on (what one start of the process appended). */
  static String from(Path file, long offset) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      int start = (int) Math.min(offset, bytes.length);
      return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
