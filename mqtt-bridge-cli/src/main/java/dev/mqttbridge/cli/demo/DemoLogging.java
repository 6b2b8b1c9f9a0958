package dev.mqttbridge.cli.demo;

/**
 * Keeps the demo's console to its own progress lines: Kafka, Connect, Jetty and the connectors
 * log at INFO by the hundred while starting. Must run before those classes create loggers;
 * slf4j-simple reads per-logger levels from system properties when a logger is created.
 */
final class DemoLogging {

  private static final String[] NOISY = {
      "org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper",
      "org.eclipse.jetty", "org.glassfish", "org.reflections", "org.hibernate.validator",
      "dev.mqttbridge", "io.netty"};

  private DemoLogging() {}

  static void quiet() {
    for (String logger : NOISY) {
      if (System.getProperty("org.slf4j.simpleLogger.log." + logger) == null) {
        System.setProperty("org.slf4j.simpleLogger.log." + logger, "error");
      }
    }
    // Connect's logging admin API goes through log4j 2: without a configuration it is silent
    // except for its own status warnings.
    if (System.getProperty("log4j2.level") == null) {
      System.setProperty("log4j2.level", "ERROR");
    }
  }
}
