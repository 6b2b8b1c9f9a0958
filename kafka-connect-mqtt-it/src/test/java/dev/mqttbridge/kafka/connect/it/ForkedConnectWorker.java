package dev.mqttbridge.kafka.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mqttbridge.test.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A distributed Connect worker in its own JVM ({@code ConnectDistributed} on the test class path),
 * so a test can kill it with SIGKILL like a crashed machine. Restarting keeps the REST port and
 * the group, so the worker finds its connectors in the config topic.
 */
final class ForkedConnectWorker implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path directory;
  private final Path propertiesFile;
  private final String classPath;
  private final int restPort;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Path> logs = new ArrayList<>();
  private Process process;

  /** A worker that finds the connector on the test class path. */
  ForkedConnectWorker(String bootstrapServers, Path directory) throws IOException {
    this(bootstrapServers, directory, null);
  }

  /**
   * A worker that loads plugins from {@code pluginPath} in their own class loaders, as in
   * production; our jars are then left off the worker's class path.
   */
  ForkedConnectWorker(String bootstrapServers, Path directory, Path pluginPath) throws IOException {
    this.directory = directory;
    String testClassPath = System.getProperty("java.class.path");
    this.classPath = pluginPath == null ? testClassPath
        : java.util.Arrays.stream(testClassPath.split(java.io.File.pathSeparator))
            .filter(entry -> !isOurs(entry))
            .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    this.restPort = Ports.freePort();
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", "forked-connect");
    props.put("listeners", "http://127.0.0.1:" + restPort);
    props.put("config.storage.topic", "forked-connect-configs");
    props.put("offset.storage.topic", "forked-connect-offsets");
    props.put("status.storage.topic", "forked-connect-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("offset.flush.interval.ms", "1000");
    // A restarted worker rejoins at once instead of waiting for the dead member's session to end.
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.put("session.timeout.ms", "6000");
    if (pluginPath != null) {
      props.put("plugin.path", pluginPath.toAbsolutePath().toString());
    }
    props.put("heartbeat.interval.ms", "1000");
    this.propertiesFile = directory.resolve("worker.properties");
    try (var out = Files.newOutputStream(propertiesFile)) {
      props.store(out, "forked Connect worker");
    }
  }

  /**
   * A fresh directory for a test class's workers under {@code target/forked-connect}, kept after
   * the run: the worker logs are what explains a failure.
   */
  static Path logDirectory(Class<?> testClass) throws IOException {
    Path directory = Path.of("target", "forked-connect", testClass.getSimpleName());
    if (Files.exists(directory)) {
      try (var paths = Files.walk(directory)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    return Files.createDirectories(directory);
  }

  /** Our plugin's jars or class folders, as Maven put them on the test class path. */
  private static boolean isOurs(String classPathEntry) {
    String path = classPathEntry.replace('\\', '/');
    return path.contains("kafka-connect-mqtt-0") || path.contains("/kafka-connect-mqtt/target/")
        || path.contains("mqtt-core");
  }

  /** Starts the worker JVM and waits until its REST API answers. */
  void start() throws IOException, InterruptedException {
    Path log = directory.resolve("worker-" + (logs.size() + 1) + ".log");
    logs.add(log);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
    // -Dworker.jvm.args="-Dorg.slf4j.simpleLogger.log.dev.mqttbridge=debug ..." when diagnosing.
    String extra = System.getProperty("worker.jvm.args", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-cp", classPath, "org.apache.kafka.connect.cli.ConnectDistributed",
        propertiesFile.toString()));
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Worker exited with " + process.exitValue() + ": "
            + tail(log));
      }
      try {
        if (get("/connectors").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("Worker REST API did not answer: " + tail(log));
  }

  /** SIGKILL: no shutdown hook, no flush, no DISCONNECT. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** The worker ids (host:port) running the connector's tasks, in task order. */
  List<String> taskWorkers(String name) throws IOException, InterruptedException {
    List<String> workers = new ArrayList<>();
    for (JsonNode task : JSON.readTree(get("/connectors/" + name + "/status").body()).path("tasks")) {
      workers.add(task.path("worker_id").asText());
    }
    return workers;
  }

  /** Creates or updates a connector. */
  void putConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(uri("/connectors/" + name + "/config"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
        .build(), "PUT connector " + name);
  }

  /** Restarts one task the way an operator would (a clean stop, then a new task instance). */
  void restartTask(String name, int task) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(uri("/connectors/" + name + "/tasks/" + task + "/restart"))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build(), "Restart of task " + name + "-" + task);
  }

  /** Sends a request that must succeed; {@code what} names it in the error. */
  private void send(HttpRequest request, String what) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(what + ": " + response.statusCode() + " "
          + response.body());
    }
  }

  /** Waits until the connector and this many tasks run. */
  void awaitRunning(String name, int tasks, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = get("/connectors/" + name + "/status");
      last = response.body();
      if (response.statusCode() == 200) {
        JsonNode status = JSON.readTree(last);
        int running = 0;
        for (JsonNode task : status.path("tasks")) {
          if (task.path("state").asText().equals("RUNNING")) {
            running++;
          }
        }
        if (status.path("connector").path("state").asText().equals("RUNNING") && running == tasks) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Connector " + name + " not running: " + last);
  }

  /** GET on the REST API, the body as text. */
  String getBody(String path) throws IOException, InterruptedException {
    return get(path).body();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + restPort + path);
  }

  /** The lines of this worker's logs (all its runs, in order) that contain {@code text}. */
  List<String> logLines(String text) {
    List<String> matching = new ArrayList<>();
    for (Path log : logs) {
      try {
        for (String line : Files.readAllLines(log)) {
          if (line.contains(text)) {
            matching.add(line);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return matching;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
