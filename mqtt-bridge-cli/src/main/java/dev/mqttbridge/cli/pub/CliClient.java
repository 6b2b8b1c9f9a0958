package dev.mqttbridge.cli.pub;

import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientBuilder;
import dev.mqttbridge.mqtt.client.MqttConnectResult;
import dev.mqttbridge.mqtt.MqttUserProperty;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** A connected client for one CLI run, and the CLI's one-line error reporting. */
public final class CliClient implements AutoCloseable {

  private final MqttClient client;
  private final String urlTopic;
  private final List<MqttProperty> properties;

  private CliClient(MqttClient client, String urlTopic, List<MqttProperty> properties) {
    this.client = client;
    this.urlTopic = urlTopic;
    this.properties = properties;
  }

  /**
   * Builds the client (not yet connected), or prints why not and returns null.
   *
   * @param allowedCommands the -D commands this tool accepts
   * @param customize last changes to the builder (e.g. a persistent session), may be null
   */
  public static CliClient create(ClientOptions options, List<String> allowedCommands,
      PrintWriter err, Consumer<MqttClientBuilder> customize) {
    try {
      String urlTopic = options.applyUrl();
      List<MqttProperty> properties = options.mqttProperties();
      MqttProperty.requireCommands(properties, allowedCommands);
      MqttClientBuilder builder = options.clientBuilder(properties);
      if (customize != null) {
        customize.accept(builder);
      }
      return new CliClient(builder.build(), urlTopic, properties);
    } catch (RuntimeException e) {
      fail(err, e);
      return null;
    }
  }

  /** Connects, waiting at most 15 s. */
  public MqttConnectResult connect() throws Exception {
    return client.connect().get(15, TimeUnit.SECONDS);
  }

  /** The -D properties of one command, e.g. subscribe. */
  public List<MqttUserProperty> userProperties(String command) {
    return MqttProperty.userProperties(properties, command);
  }

  public MqttClient client() {
    return client;
  }

  /** The topic given with -L, or null. */
  public String urlTopic() {
    return urlTopic;
  }

  List<MqttProperty> properties() {
    return properties;
  }

  @Override
  public void close() {
    client.close();
  }

  /** Prints {@code Error: reason} as one line and returns exit code 1. */
  public static int fail(PrintWriter err, String reason) {
    err.println("Error: " + reason);
    err.flush();
    return 1;
  }

  /** Prints the root reason of a failure as one line and returns exit code 1. */
  public static int fail(PrintWriter err, Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException) {
      return fail(err, "Timed out");
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return fail(err, message.replace('\n', ' '));
  }
}
