package dev.mqttbridge.cli.demo;

import dev.mqttbridge.mqtt.broker.MqttBroker;
import dev.mqttbridge.mqtt.client.MqttClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mqtt-bridge demo}: our MQTT broker, a one-node KRaft Kafka, a Connect worker running the
 * MQTT source and sink connectors, and a plant simulator, all in this process on loopback. Shows
 * progress, then checks that every published message reached Kafka. Exit code 0 when all did,
 * 1 when any is missing, 2 on bad flags.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the bridge end to end in this process: MQTT broker, one-node Kafka (KRaft), a Kafka"
            + " Connect worker with the MQTT source (plant/{site}/line/{line}/# ->"
            + " telemetry.{site}.{line}) and sink (commands -> plant/{site}/commands/{line})"
            + " connectors, and a plant simulator.",
        "Checks at the end that every published message reached Kafka; exit code 1 if not."})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long the simulator publishes, in seconds (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--sites", paramLabel = "N", defaultValue = "2",
      description = "Sites (default: ${DEFAULT-VALUE}).")
  int sites;

  @Option(names = "--lines", paramLabel = "N", defaultValue = "2",
      description = "Lines per site (default: ${DEFAULT-VALUE}).")
  int lines;

  @Option(names = "--sensors", paramLabel = "N", defaultValue = "3",
      description = "Sensors per line (default: ${DEFAULT-VALUE}).")
  int sensors;

  @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "5",
      description = "Messages per second per sensor (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--qos", paramLabel = "0|1|2", defaultValue = "1",
      description = "QoS of the telemetry publishes, 0-2 (default: ${DEFAULT-VALUE}). With 0 the"
          + " broker may drop messages and the check may fail.")
  int qos;

  @Option(names = "--mqtt", paramLabel = "URI",
      description = "Use this MQTT broker (e.g. tcp://localhost:1883) instead of starting ours.")
  String mqttUri;

  @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
      description = "Use this Kafka (host:port) instead of starting one.")
  String kafkaBootstrap;

  @Option(names = "--no-connect",
      description = "Start no Connect worker: the connectors already run elsewhere (e.g. the"
          + " docker-compose worker) between --mqtt and --kafka.")
  boolean noConnect;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "How long to wait after publishing for the last messages to reach Kafka"
          + " (default: ${DEFAULT-VALUE}).")
  int drainSeconds;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (qos < 0 || qos > 2 || durationSeconds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--qos must be 0, 1 or 2 and --duration at least 1");
    }
    PlantShape shape;
    try {
      shape = new PlantShape(sites, lines, sensors, rate);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    DemoLogging.quiet();
    PrintWriter out = spec.commandLine().getOut();
    String runId = UUID.randomUUID().toString().substring(0, 8);
    try (DemoResources resources = DemoResources.create(out)) {
      return run(shape, runId, resources, out);
    }
  }

  private int run(PlantShape shape, String runId, DemoResources resources, PrintWriter out)
      throws Exception {
    long started = System.nanoTime();
    String mqtt = mqttUri;
    if (mqtt == null) {
      MqttBroker broker = MqttBroker.builder().host("127.0.0.1").port(0).build().start();
      resources.add(broker);
      mqtt = broker.uri();
    }
    out.printf("MQTT broker:   %s%s%n", mqtt, mqttUri == null ? " (embedded)" : "");
    String kafka = kafkaBootstrap;
    if (kafka == null) {
      EmbeddedKafka embedded = EmbeddedKafka.start(resources.directory());
      resources.add(embedded);
      kafka = embedded.bootstrapServers();
    }
    out.printf("Kafka:         %s%s%n", kafka, kafkaBootstrap == null ? " (embedded KRaft)" : "");
    out.flush();
    createCommandsTopic(kafka);
    if (!noConnect) {
      EmbeddedConnect connect = EmbeddedConnect.start(kafka, runId, resources.directory());
      resources.add(connect);
      out.printf("Kafka Connect: %s%n", connect.restUrl());
      out.flush();
      connect.runConnector(DemoConnectors.SOURCE_NAME, DemoConnectors.source(mqtt, qos),
          Duration.ofSeconds(90));
      connect.runConnector(DemoConnectors.SINK_NAME, DemoConnectors.sink(mqtt, qos),
          Duration.ofSeconds(90));
      out.printf("Connectors:    %s (%s -> %s), %s (%s -> %s) running%n",
          DemoConnectors.SOURCE_NAME, DemoConnectors.TELEMETRY_FILTER,
          DemoConnectors.TELEMETRY_TOPIC, DemoConnectors.SINK_NAME,
          DemoConnectors.COMMANDS_TOPIC, DemoConnectors.COMMANDS_MQTT_TOPIC);
    }
    out.printf("Ready in %.1f s. Simulating %d sites x %d lines x %d sensors at %d msg/s each"
            + " (%d msg/s) for %d s, QoS %d.%n",
        (System.nanoTime() - started) / 1e9, shape.sites(), shape.lines(), shape.sensors(),
        shape.ratePerSensor(), shape.sensorCount() * shape.ratePerSensor(), durationSeconds, qos);
    out.flush();

    KafkaTally tally = new KafkaTally(kafka, runId);
    resources.add(tally);
    tally.start();
    CommandSender commands = new CommandSender(kafka, runId);
    resources.add(commands);
    MqttClient client = MqttClient.builder().serverUri(mqtt)
        .clientId("plant-simulator-" + runId).build();
    PlantSimulator simulator = new PlantSimulator(client, shape, runId, qos);
    resources.add(simulator);
    simulator.start();

    ProgressLine progress = new ProgressLine(simulator, tally, out);
    Set<String> commandIds = new HashSet<>();
    for (int second = 1; second <= durationSeconds; second++) {
      Thread.sleep(1000);
      if (second % 5 == 1) { // a setpoint change every 5 s, round robin over the lines
        int target = (second / 5) % (shape.sites() * shape.lines());
        commandIds.add(commands.send(PlantShape.siteName(target / shape.lines() + 1),
            target % shape.lines() + 1, 20.0 + second));
      }
      progress.print(second);
    }
    simulator.stopPublishing();
    Thread.sleep(500); // let the last acknowledgements arrive
    Set<String> published = Set.copyOf(simulator.published());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
    while (System.nanoTime() < deadline && !(tally.received().containsAll(published)
        && (noConnect || simulator.obeyedCommands().containsAll(commandIds)))) {
      Thread.sleep(250);
    }
    progress.print(durationSeconds);
    return new DemoSummary(published, simulator.failedPublishes(), tally, commandIds,
        noConnect ? null : Set.copyOf(simulator.obeyedCommands())).print(out);
  }

  private static void createCommandsTopic(String bootstrap) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(DemoConnectors.COMMANDS_TOPIC, 1, (short) 1)))
          .all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
