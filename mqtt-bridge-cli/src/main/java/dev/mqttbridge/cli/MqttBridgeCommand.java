package dev.mqttbridge.cli;

import dev.mqttbridge.cli.broker.BrokerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code mqtt-bridge.jar}. Subcommands ({@code pub}, {@code sub}, {@code broker},
 * {@code demo}) register here as they are built.
 */
@Command(
    name = "mqtt-bridge",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "MQTT <-> Kafka bridge tools.",
    subcommands = {CommandLine.HelpCommand.class, BrokerCommand.class,
        dev.mqttbridge.cli.pub.PubCommand.class, dev.mqttbridge.cli.sub.SubCommand.class,
        dev.mqttbridge.cli.demo.DemoCommand.class})
public final class MqttBridgeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // No subcommand given: show what there is rather than doing nothing silently.
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /**
   * The configured command line; tests execute it in-process. Subcommands with a {@code --version}
   * option get the build's version provider: picocli does not inherit it from this command, so
   * {@code demo -V} would otherwise print nothing.
   */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new MqttBridgeCommand());
    BuildVersion version = new BuildVersion();
    commandLine.getSubcommands().values().stream()
        .map(CommandLine::getCommandSpec)
        .filter(spec -> spec.versionProvider() == null && spec.version().length == 0)
        .forEach(spec -> spec.versionProvider(version));
    return commandLine;
  }
}
