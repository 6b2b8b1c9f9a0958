package dev.mqttbridge.cli.pub;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mqtt-bridge pub}: publishes one message, or one per line of standard input, with
 * mosquitto_pub's common flags. Exit code 0 when every publish completed successfully; 1 with a
 * one-line reason otherwise.
 */
@Command(name = "pub", description = "Publish MQTT messages (flags as mosquitto_pub).",
    sortOptions = false)
public final class PubCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Option(names = "-t", paramLabel = "TOPIC", description = "Topic to publish to.")
  String topic;

  @Option(names = "-m", paramLabel = "MESSAGE", description = "Message payload.")
  String message;

  @Option(names = "-f", paramLabel = "FILE", description = "Send the contents of FILE as the message.")
  Path file;

  @Option(names = "-n", description = "Send an empty (null) message.")
  boolean nullMessage;

  @Option(names = "-l", description = "Send one message per line of standard input.")
  boolean lines;

  @Option(names = "-r", description = "Retain the message.")
  boolean retain;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<byte[]> payloads;
    try {
      payloads = payloads();
    } catch (IOException | RuntimeException e) {
      return CliClient.fail(spec.commandLine().getErr(), e);
    }
    try (CliClient cli = CliClient.create(client, List.of("connect", "publish"),
        spec.commandLine().getErr(), null)) {
      if (cli == null) {
        return 1;
      }
      String target = topic != null ? topic : cli.urlTopic();
      if (target == null) {
        return CliClient.fail(spec.commandLine().getErr(), "A topic is needed: -t or -L");
      }
      DebugPrinter debug = new DebugPrinter(spec.commandLine().getOut(), client.debug());
      debug.clientId(cli.client().clientId());
      debug.sendingConnect();
      debug.connected(cli.connect());
      List<CompletableFuture<MqttPublishResult>> results = new ArrayList<>();
      for (byte[] payload : payloads) {
        MqttMessage.Builder builder = MqttMessage.builder(target).qos(client.qos()).retain(retain)
            .payload(payload);
        MqttProperty.applyPublish(cli.properties(), builder);
        MqttMessage message = builder.build();
        debug.sendingPublish(message);
        results.add(cli.client().publish(message));
      }
      for (CompletableFuture<MqttPublishResult> result : results) {
        MqttPublishResult published = result.get(30, TimeUnit.SECONDS);
        debug.published(published);
        if (!published.isSuccess()) {
          return CliClient.fail(spec.commandLine().getErr(),
              "Publish refused: " + published.reasonCode()
                  + (published.reasonString() == null ? "" : " (" + published.reasonString() + ")"));
        }
      }
      debug.sendingDisconnect();
      cli.client().disconnect().get(10, TimeUnit.SECONDS);
      return 0;
    } catch (Exception e) {
      return CliClient.fail(spec.commandLine().getErr(), e);
    }
  }

  private List<byte[]> payloads() throws IOException {
    int sources = (message != null ? 1 : 0) + (file != null ? 1 : 0) + (nullMessage ? 1 : 0)
        + (lines ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException("Give exactly one of -m MESSAGE, -f FILE, -n or -l");
    }
    if (message != null) {
      return List.of(message.getBytes(StandardCharsets.UTF_8));
    }
    if (file != null) {
      // As mosquitto_pub -f: the file's bytes as they are, one message.
      try {
        return List.of(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read -f " + file
            + (e instanceof NoSuchFileException ? ": no such file" : ": " + e.getMessage()), e);
      }
    }
    if (nullMessage) {
      return List.of(new byte[0]);
    }
    List<byte[]> all = new ArrayList<>();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = reader.readLine()) != null; ) {
      all.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return all;
  }
}
