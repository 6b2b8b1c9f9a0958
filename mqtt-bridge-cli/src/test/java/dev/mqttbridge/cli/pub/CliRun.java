package dev.mqttbridge.cli.pub;

import dev.mqttbridge.cli.MqttBridgeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Exit code and captured output of one in-process {@code mqtt-bridge} run, for the pub / sub tests.
 *
 * @param exitCode what the command returned
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs the command line. */
  static CliRun of(String... args) {
    return of(new StringWriter(), args);
  }

  /** Runs the command line, writing standard output into {@code out} as it goes. */
  static CliRun of(StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    var commandLine = MqttBridgeCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
