package dev.mqttbridge.cli;

import picocli.CommandLine;

/** Reads the version from our own jar's manifest, written by the build. */
final class BuildVersion implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = MqttBridgeCommand.class.getPackage().getImplementationVersion();
    return new String[] {"mqtt-bridge " + (version == null ? "(development build)" : version)};
  }
}
