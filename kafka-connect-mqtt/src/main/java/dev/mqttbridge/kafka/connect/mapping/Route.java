package dev.mqttbridge.kafka.connect.mapping;

import java.util.Objects;

/**
 * One subscription of the connector and where its messages go: a filter template and the Kafka
 * topic template. Immutable.
 *
 * @param filter what to subscribe to, with captures
 * @param topic the Kafka topic template
 */
public record Route(FilterTemplate filter, Template topic) {

  /** The separator of a {@code topic.mappings} entry. */
  public static final String MAPPING_SEPARATOR = "=>";

  public Route {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(topic, "topic");
    if (!filter.hasMultiLevelWildcard() && topic.usesMultiLevel()) {
      throw new IllegalArgumentException("Template '" + topic + "' uses {#} but filter '"
          + filter + "' has no # level");
    }
    for (String name : topic.captureNames()) {
      if (!filter.captureNames().contains(name)) {
        throw new IllegalArgumentException("Template '" + topic + "' uses {" + name
            + "} but filter '" + filter + "' captures only " + filter.captureNames());
      }
    }
  }

  /**
   * Parses a {@code topic.mappings} entry {@code FILTER => TEMPLATE}.
   *
   * @throws IllegalArgumentException when the separator is missing or either side is invalid
   */
  public static Route parseMapping(String entry) {
    int separator = entry.indexOf(MAPPING_SEPARATOR);
    if (separator < 0) {
      throw new IllegalArgumentException(
          "Mapping '" + entry + "' must be written FILTER " + MAPPING_SEPARATOR + " TEMPLATE");
    }
    String filter = entry.substring(0, separator).trim();
    String template = entry.substring(separator + MAPPING_SEPARATOR.length()).trim();
    return new Route(FilterTemplate.parse(filter), Template.parse(template));
  }
}
