package dev.mqttbridge.cli.sub;

import dev.mqttbridge.cli.pub.CliClient;
import dev.mqttbridge.cli.pub.ClientOptions;
import dev.mqttbridge.cli.pub.DebugPrinter;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.mqtt.client.MqttSubscribeResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mqtt-bridge sub}: subscribes and prints each message's payload (with {@code -v}:
 * {@code topic payload}) on its own line (with {@code -N}: no line end), with mosquitto_sub's common
 * flags. Runs until {@code -C} messages arrived, {@code -W} seconds passed (exit code 27, as
 * mosquitto_sub) or it is stopped. With {@code -R}, retained (stale) messages are neither printed
 * nor counted.
 */
@Command(name = "sub", description = "Subscribe and print MQTT messages (flags as mosquitto_sub).",
    sortOptions = false)
public final class SubCommand implements Callable<Integer> {

  /** mosquitto_sub's exit code when -W expires. */
  static final int TIMED_OUT = 27;

  @Mixin ClientOptions client;

  @Option(names = "-t", paramLabel = "TOPIC", description = "Topic filter (repeatable).")
  List<String> topics = new ArrayList<>();

  @Option(names = "-c", description = "Persistent session: no clean start, session kept.")
  boolean persistentSession;

  @Option(names = "-C", paramLabel = "COUNT", description = "Exit after COUNT messages.")
  int count;

  @Option(names = "-v", description = "Print 'topic payload' instead of the payload alone.")
  boolean verbose;

  @Option(names = "-W", paramLabel = "SECONDS", description = "Exit after SECONDS.")
  int timeoutSeconds;

  @Option(names = "-N", description = "Do not add a line end after each payload.")
  boolean noEndOfLine;

  @Option(names = "-R", description = "Do not print stale (retained) messages.")
  boolean noStale;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (persistentSession && client.clientIdMissing()) {
      return CliClient.fail(err, "-c needs a client id: -i ID");
    }
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger printed = new AtomicInteger();
    try (CliClient cli = CliClient.create(client, List.of("connect", "subscribe"), err,
        builder -> {
          if (persistentSession) {
            // As mosquitto_sub -c: keep the session; in 5.0 it never expires unless -x says.
            builder.cleanStart(false);
            if (!client.sessionExpiryGiven()) {
              builder.sessionExpiryInterval(0xFFFF_FFFFL);
            }
          }
        })) {
      if (cli == null) {
        return 1;
      }
      List<String> filters = new ArrayList<>(topics);
      if (cli.urlTopic() != null) {
        filters.add(cli.urlTopic());
      }
      if (filters.isEmpty()) {
        return CliClient.fail(err, "A topic is needed: -t or -L");
      }
      MqttQos qos = MqttQos.of(clientQos());
      List<MqttSubscription> subscriptions =
          filters.stream().map(f -> MqttSubscription.of(f, qos)).toList();
      DebugPrinter debug = new DebugPrinter(out, client.debug());
      debug.clientId(cli.client().clientId());
      // Subscribe before connecting: a resumed session's messages follow the CONNACK at once.
      CompletableFuture<MqttSubscribeResult> subscribed = cli.client().subscribe(subscriptions,
          cli.userProperties("subscribe"), message -> {
            debug.received(message);
            if (noStale && message.message().isRetain()
                || count > 0 && printed.get() >= count) {
              return;
            }
            print(out, message);
            if (count > 0 && printed.incrementAndGet() >= count) {
              done.countDown();
            }
          });
      debug.sendingConnect();
      debug.connected(cli.connect());
      debug.sendingSubscribe(subscriptions);
      MqttSubscribeResult result = subscribed.get(15, TimeUnit.SECONDS);
      debug.subscribed(result);
      if (!result.isSuccess()) {
        return CliClient.fail(err, "Subscription refused: " + result.reasonCodes());
      }
      boolean finished = timeoutSeconds > 0 ? done.await(timeoutSeconds, TimeUnit.SECONDS)
          : awaitForever(done);
      debug.sendingDisconnect();
      cli.client().disconnect().get(10, TimeUnit.SECONDS);
      if (!finished) {
        err.println("Timed out");
        err.flush();
        return TIMED_OUT;
      }
      return 0;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return CliClient.fail(err, e);
    }
  }

  private int clientQos() {
    return client.qosCode();
  }

  private static boolean awaitForever(CountDownLatch done) throws InterruptedException {
    done.await();
    return true;
  }

  private void print(PrintWriter out, MqttReceivedMessage message) {
    String payload = message.message().payloadAsString();
    synchronized (out) {
      out.print(verbose ? message.message().topic() + " " + payload : payload);
      if (!noEndOfLine) {
        out.println();
      }
      out.flush();
    }
  }
}
