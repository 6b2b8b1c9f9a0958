package dev.mqttbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MqttBridgeCommandTest {

  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = MqttBridgeCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(new StringWriter()));
    return commandLine.execute(args);
  }

  @Test
  void version_printsTheBuildVersion() {
    assertThat(run("-V")).isZero();
    assertThat(out.toString()).startsWith("mqtt-bridge ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "broker"})
  void subcommandVersion_printsTheBuildVersion(String subcommand) {
    assertThat(run(subcommand, "-V")).isZero();
    assertThat(out.toString()).isEqualTo(new BuildVersion().getVersion()[0] + System.lineSeparator());
  }

  @Test
  void everySubcommandWithAVersionOption_hasAVersionToPrint() {
    List<String> withoutVersion = MqttBridgeCommand.newCommandLine().getSubcommands().entrySet()
        .stream()
        .filter(e -> e.getValue().getCommandSpec().optionsMap().containsKey("--version"))
        .filter(e -> e.getValue().getCommandSpec().versionProvider() == null)
        .map(e -> e.getKey())
        .toList();
    assertThat(withoutVersion).isEmpty();
  }
}
