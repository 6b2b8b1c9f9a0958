package dev.mqttbridge.cli.demo;

/** How big the simulated plant is and how fast each sensor reports. */
record PlantShape(int sites, int lines, int sensors, int ratePerSensor) {

  PlantShape {
    if (sites < 1 || lines < 1 || sensors < 1 || ratePerSensor < 1 || ratePerSensor > 1000) {
      throw new IllegalArgumentException("sites, lines and sensors must be at least 1 and the"
          + " rate between 1 and 1000 messages per second per sensor");
    }
  }

  static String siteName(int site) {
    return "site-" + site;
  }

  int sensorCount() {
    return sites * lines * sensors;
  }
}
