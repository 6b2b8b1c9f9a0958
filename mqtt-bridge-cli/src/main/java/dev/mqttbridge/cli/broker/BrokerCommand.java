package dev.mqttbridge.cli.broker;

import dev.mqttbridge.mqtt.broker.Authenticator;
import dev.mqttbridge.mqtt.broker.MosquittoAclAuthorizer;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mqtt-bridge broker}: runs the embedded MQTT broker in the foreground until SIGTERM or
 * Ctrl-C, logging {@code listening on ...} once per listener.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
        "Runs an MQTT 3.1 / 3.1.1 / 5.0 broker in the foreground until SIGTERM or Ctrl-C.",
        "Sessions and retained messages are kept in memory only."})
public final class BrokerCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "1883",
      description = "TCP port to listen on (default: ${DEFAULT-VALUE}; 0: any free port).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--user", paramLabel = "NAME:PASSWORD",
      description = "A user allowed to connect; repeat for several. With users, anonymous "
          + "clients are refused unless --allow-anonymous is given.")
  List<String> users = new ArrayList<>();

  @Option(names = "--allow-anonymous",
      description = "Let clients without a user name in even when --user is given.")
  boolean allowAnonymous;

  @Option(names = "--acl", paramLabel = "FILE",
      description = "Mosquitto acl_file format: user NAME, topic [read|write|readwrite|deny] "
          + "FILTER, pattern ... with %%c and %%u.")
  Path acl;

  @Option(names = "--max-keepalive", paramLabel = "SECONDS",
      description = "Largest keep alive accepted; MQTT 5 clients asking for more are told this "
          + "value, 3.x clients are refused.")
  Integer maxKeepAlive;

  @Override
  public Integer call() throws Exception {
    MqttBroker.Builder builder = MqttBroker.builder().host(host).port(port);
    if (!users.isEmpty()) {
      builder.authenticator(Authenticator.passwords(parseUsers(), allowAnonymous));
    }
    if (acl != null) {
      builder.authorizer(loadAcl());
    }
    if (maxKeepAlive != null) {
      builder.maxKeepAlive(maxKeepAlive);
    }
    MqttBroker broker = builder.build();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      LOG.info("Stopping the broker");
      broker.close();
      stopped.countDown();
    }, "mqtt-bridge-broker-shutdown");
    broker.start(); // logs "MQTT broker listening on tcp://HOST:PORT" per listener
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    return 0;
  }

  private MosquittoAclAuthorizer loadAcl() {
    try {
      return MosquittoAclAuthorizer.load(acl);
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Cannot use --acl " + acl + ": " + e);
    }
  }

  private Map<String, String> parseUsers() {
    Map<String, String> passwords = new LinkedHashMap<>();
    for (String user : users) {
      int colon = user.indexOf(':');
      if (colon <= 0) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--user expects NAME:PASSWORD, got '" + user + "'");
      }
      passwords.put(user.substring(0, colon), user.substring(colon + 1));
    }
    return passwords;
  }
}
