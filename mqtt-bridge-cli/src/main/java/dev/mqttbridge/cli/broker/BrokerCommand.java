package dev.mqttbridge.cli.broker;

import dev.mqttbridge.mqtt.broker.Authenticator;
import dev.mqttbridge.mqtt.broker.ListenerTls;
import dev.mqttbridge.mqtt.broker.MosquittoAclAuthorizer;
import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.mqtt.broker.MqttListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  @Option(names = "--tls-port", paramLabel = "PORT",
      description = "Also listen for MQTT over TLS on this port (needs --cert and --key).")
  Integer tlsPort;

  @Option(names = "--ws-port", paramLabel = "PORT",
      description = "Also listen for MQTT over WebSocket on this port (ws://HOST:PORT/mqtt, "
          + "subprotocol mqtt).")
  Integer wsPort;

  @Option(names = "--wss-port", paramLabel = "PORT",
      description = "Also listen for MQTT over secure WebSocket on this port "
          + "(wss://HOST:PORT/mqtt; needs --cert and --key).")
  Integer wssPort;

  @Option(names = "--cert", paramLabel = "FILE",
      description = "PEM server certificate (then intermediates) for --tls-port and --wss-port.")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE",
      description = "PEM private key (PKCS#8, RSA PKCS#1 or EC SEC1, unencrypted) of --cert.")
  Path key;

  @Option(names = "--cafile", paramLabel = "FILE",
      description = "PEM CA bundle: TLS clients are asked for a certificate issued by it; its "
          + "subject reaches the authenticator.")
  Path cafile;

  @Option(names = "--require-client-cert",
      description = "Refuse TLS clients without a valid certificate (needs --cafile).")
  boolean requireClientCert;

  @Option(names = "--max-connections", paramLabel = "COUNT",
      description = "Connections open at once; more are closed on accept (default 10000).")
  Integer maxConnections;

  @Option(names = "--connect-timeout", paramLabel = "SECONDS",
      description = "Time a new connection has to send its whole CONNECT (default 10).")
  Integer connectTimeout;

  @Option(names = "--sys-interval", paramLabel = "SECONDS",
      description = "Publish $SYS/broker/... metrics every SECONDS (default 0: off).")
  Integer sysInterval;

  @Override
  public Integer call() throws Exception {
    MqttBroker.Builder builder = MqttBroker.builder().host(host).port(port);
    if (tlsPort != null || wsPort != null || wssPort != null) {
      builder.listener(MqttListener.tcp(host, port));
    }
    if (tlsPort != null || wssPort != null) {
      ListenerTls tls = listenerTls();
      if (tlsPort != null) {
        builder.listener(MqttListener.tls(host, tlsPort, tls));
      }
      if (wssPort != null) {
        builder.listener(MqttListener.secureWebSocket(host, wssPort, tls));
      }
    } else if (cert != null || key != null || cafile != null || requireClientCert) {
      throw usage("--cert, --key, --cafile and --require-client-cert need --tls-port or "
          + "--wss-port");
    }
    if (wsPort != null) {
      builder.listener(MqttListener.webSocket(host, wsPort));
    }
    if (maxConnections != null) {
      builder.maxConnections(maxConnections);
    }
    if (connectTimeout != null) {
      builder.connectTimeout(Duration.ofSeconds(connectTimeout));
    }
    if (sysInterval != null && sysInterval > 0) {
      builder.systemTopicsInterval(Duration.ofSeconds(sysInterval));
    }
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
    broker.start(); // logs "MQTT broker listening on tcp://HOST:PORT" (ws: .../mqtt) per listener
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    return 0;
  }

  private ListenerTls listenerTls() {
    if (cert == null || key == null) {
      throw usage((tlsPort != null ? "--tls-port" : "--wss-port")
          + " needs --cert FILE and --key FILE");
    }
    if (requireClientCert && cafile == null) {
      throw usage("--require-client-cert needs --cafile FILE");
    }
    for (Path file : new Path[] {cert, key, cafile}) {
      if (file != null && !Files.isReadable(file)) {
        throw usage("Cannot read " + file);
      }
    }
    ListenerTls tls = ListenerTls.pem(cert, key);
    return cafile == null ? tls : tls.clientCertificates(cafile, requireClientCert);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
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
