package dev.mqttbridge.test.mosquitto;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the Mosquitto executables: first on the {@code PATH}, then in the directories Debian and source
 * installs use. A missing executable is a setup error, never a reason to skip a test.
 */
final class MosquittoExecutables {

  /** The command that installs everything this package needs on Debian and Ubuntu. */
  static final String INSTALL_COMMAND = "sudo apt-get install -y mosquitto mosquitto-clients";

  private static final List<Path> FALLBACK_DIRECTORIES = List.of(
      Path.of("/usr/sbin"), Path.of("/usr/local/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/bin"));

  private final String searchPath;
  private final List<Path> fallbackDirectories;

  /** Searches the {@code PATH} of this JVM, then the usual install directories. */
  static MosquittoExecutables fromEnvironment() {
    return new MosquittoExecutables(Objects.requireNonNullElse(System.getenv("PATH"), ""), FALLBACK_DIRECTORIES);
  }

  /**
   * @param searchPath a {@code PATH}-style list of directories searched first
   * @param fallbackDirectories searched afterwards, in order
   */
  MosquittoExecutables(String searchPath, List<Path> fallbackDirectories) {
    this.searchPath = Objects.requireNonNull(searchPath, "searchPath");
    this.fallbackDirectories = List.copyOf(fallbackDirectories);
  }

  /** The broker, {@code mosquitto}. */
  Path broker() {
    return require("mosquitto");
  }

  /** The publishing client, {@code mosquitto_pub}. */
  Path publisher() {
    return require("mosquitto_pub");
  }

  /** The subscribing client, {@code mosquitto_sub}. */
  Path subscriber() {
    return require("mosquitto_sub");
  }

  /** The password file tool, {@code mosquitto_passwd} (shipped with the broker). */
  Path passwordTool() {
    return require("mosquitto_passwd");
  }

  /**
   * coreutils' {@code stdbuf}, if present: run through it, the clients print line by line into our pipes
   * instead of holding output in a 4 KiB stdio buffer until they exit.
   */
  Optional<Path> lineBuffering() {
    return find("stdbuf");
  }

  /**
   * Returns the executable called {@code name}.
   *
   * @throws IllegalStateException naming the install command when it is not found
   */
  Path require(String name) {
    return find(name).orElseThrow(() -> new IllegalStateException(
        "Mosquitto is not installed: '" + name + "' was found neither on the PATH nor in " + fallbackDirectories
            + ". The MQTT interoperability tests need it; install it with: " + INSTALL_COMMAND));
  }

  Optional<Path> find(String name) {
    List<Path> candidates = new ArrayList<>();
    for (String directory : searchPath.split(File.pathSeparator)) {
      if (!directory.isBlank()) {
        toPath(directory).ifPresent(candidates::add);
      }
    }
    candidates.addAll(fallbackDirectories);
    return candidates.stream()
        .map(directory -> directory.resolve(name))
        .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
        .findFirst();
  }

  private static Optional<Path> toPath(String directory) {
    try {
      return Optional.of(Path.of(directory));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
