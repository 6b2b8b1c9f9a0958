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
    assertThat(out.toString()).contains("--port", "--host", "--user", "--acl", "--max-keepalive",
        "--tls-port", "--ws-port", "--wss-port", "--cert", "--key", "--cafile",
        "--require-client-cert", "--max-connections", "--connect-timeout", "--sys-interval");
  }

  @Test
  void tlsPortWithoutCertificate_refusedBeforeStarting() {
    assertThat(run("broker", "--port", "0", "--tls-port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--tls-port needs --cert FILE and --key FILE");
  }

  @Test
  void wssPortWithoutCertificate_refusedBeforeStarting() {
    assertThat(run("broker", "--port", "0", "--ws-port", "0", "--wss-port", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--wss-port needs --cert FILE and --key FILE");
  }

  @Test
  void certificateWithoutTlsPort_refusedBeforeStarting() {
    assertThat(run("broker", "--port", "0", "--cert", "a.pem", "--key", "a.key")).isEqualTo(2);
    assertThat(err.toString()).contains("need --tls-port or --wss-port");
  }

  @Test
  void requireClientCertWithoutCafile_refusedBeforeStarting() {
    assertThat(run("broker", "--port", "0", "--tls-port", "0", "--cert", "a.pem", "--key",
        "a.key", "--require-client-cert")).isEqualTo(2);
    assertThat(err.toString()).contains("--require-client-cert needs --cafile FILE");
  }

  @Test
  void unreadableCertificate_refusedBeforeStarting() {
    assertThat(run("broker", "--port", "0", "--tls-port", "0", "--cert", "/nonexistent/c.pem",
        "--key", "/nonexistent/k.pem")).isEqualTo(2);
    assertThat(err.toString()).contains("Cannot read /nonexistent/c.pem");
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
