package dev.mqttbridge.test.mosquitto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes a Mosquitto password file with {@code mosquitto_passwd -b}, so the hash format is always the one
 * the installed broker expects. {@code mosquitto_passwd} ships in the {@code mosquitto} package; without
 * it, configs with users fail with the install command.
 */
final class PasswordFile {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private PasswordFile() {
  }

  static void write(Path passwordTool, Path file, Map<String, String> users) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
    users.forEach((user, password) -> {
      List<String> command = List.of(passwordTool.toString(), "-b", file.toString(), user, password);
      ClientResult result = ClientProcess.start("mosquitto_passwd", command).awaitExit(TIMEOUT);
      if (!result.succeeded()) {
        throw new IllegalStateException("mosquitto_passwd failed for user " + user + ": exit code "
            + result.exitCode() + (result.timedOut() ? " (timed out)" : "") + "\n" + result.stdout() + result.stderr());
      }
    });
  }
}
