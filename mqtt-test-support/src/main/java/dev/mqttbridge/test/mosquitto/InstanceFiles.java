package dev.mqttbridge.test.mosquitto;

import java.nio.file.Path;

/** Where one Mosquitto instance keeps its files, all inside its own temporary directory. */
record InstanceFiles(Path directory) {

  Path configFile() {
    return directory.resolve("mosquitto.conf");
  }

  /** Mosquitto's own log ({@code log_dest file}). */
  Path logFile() {
    return directory.resolve("mosquitto.log");
  }

  /** The process's stdout and stderr: errors printed before the log file is open land here. */
  Path outputFile() {
    return directory.resolve("mosquitto.out");
  }

  /** {@code persistence_location}: {@code mosquitto.db} is written here. */
  Path dataDirectory() {
    return directory.resolve("data");
  }

  Path passwordFile() {
    return directory.resolve("passwd");
  }

  Path aclFile() {
    return directory.resolve("acl");
  }
}
