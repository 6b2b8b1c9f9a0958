package dev.mqttbridge.kafka.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin's version, from a resource Maven filters at build time. Not Kafka's {@code
 * AppInfoParser}: that class moved in Kafka 4.4, and the worker's version is not ours anyway.
 */
public final class Version {

  private static final String RESOURCE = "version.properties";
  private static final String VERSION = load();

  private Version() {}

  /** The plugin version, for example {@code 0.1.0}; {@code unknown} when built outside Maven. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
