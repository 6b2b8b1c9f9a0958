package dev.mqttbridge.benchmarks.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plant-like subscription mix and the topics published against it, the same for every tree in a
 * run. Topics are {@code plant/{site}/line/{line}/{sensor}}; about 90% of the filters are exact
 * topics, 8% have one {@code +} and 2% end in {@code #}.
 */
final class PlantSubscriptions {

  static final int SITES = 20;
  static final int LINES_PER_SITE = 50;
  static final int SENSORS_PER_LINE = 100;

  private final List<String> filters;
  private final List<String> topics;

  private PlantSubscriptions(List<String> filters, List<String> topics) {
    this.filters = filters;
    this.topics = topics;
  }

  /**
   * @param subscriptions how many filters (one subscriber each; repeats allowed)
   * @param topicCount how many topics to publish to, cycled by the benchmark
   * @param seed fixes the mix, so both trees and every run see the same data
   */
  static PlantSubscriptions generate(int subscriptions, int topicCount, long seed) {
    Random random = new Random(seed);
    List<String> filters = new ArrayList<>(subscriptions);
    for (int i = 0; i < subscriptions; i++) {
      String site = "site" + random.nextInt(SITES);
      String line = String.valueOf(random.nextInt(LINES_PER_SITE));
      String sensor = "sensor" + random.nextInt(SENSORS_PER_LINE);
      int kind = random.nextInt(100);
      if (kind < 90) {
        filters.add("plant/" + site + "/line/" + line + "/" + sensor);
      } else if (kind < 93) {
        filters.add("plant/+/line/" + line + "/" + sensor); // one sensor on every site
      } else if (kind < 96) {
        filters.add("plant/" + site + "/line/+/" + sensor); // one sensor on every line
      } else if (kind < 98) {
        filters.add("plant/" + site + "/line/" + line + "/+"); // a whole line
      } else if (kind < 99) {
        filters.add("plant/" + site + "/line/" + line + "/#");
      } else {
        filters.add("plant/" + site + "/#");
      }
    }
    List<String> topics = new ArrayList<>(topicCount);
    for (int i = 0; i < topicCount; i++) {
      topics.add(
          "plant/site"
              + random.nextInt(SITES)
              + "/line/"
              + random.nextInt(LINES_PER_SITE)
              + "/sensor"
              + random.nextInt(SENSORS_PER_LINE));
    }
    return new PlantSubscriptions(List.copyOf(filters), List.copyOf(topics));
  }

  List<String> filters() {
    return filters;
  }

  List<String> topics() {
    return topics;
  }
}
