package dev.mqttbridge.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.cli.MqttBridgeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BrokerCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = MqttBridgeCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void help_listsTheOptions() {
    assertThat(run("broker", "--help")).isZero();
    assertThat(out.toString()).contains("--port", "--host", "--user", "--acl", "--max-keepalive");
  }

  @Test
  void userWithoutPassword_refusedBeforeStarting() {
    assertThat(run("broker", "--port", "0", "--user", "alice")).isEqualTo(2);
    assertThat(err.toString()).contains("--user expects NAME:PASSWORD");
  }

  @Test
  void missingAclFile_refusedBeforeStarting() {
    assertThat(run("broker", "--port", "0", "--acl", "/nonexistent/acl")).isEqualTo(2);
    assertThat(err.toString()).contains("Cannot use --acl /nonexistent/acl");
  }
}
