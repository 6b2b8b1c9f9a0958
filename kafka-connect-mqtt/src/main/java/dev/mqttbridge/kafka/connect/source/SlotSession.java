package dev.mqttbridge.kafka.connect.source;

import dev.mqttbridge.kafka.connect.config.MqttClientFactory;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttRetainHandling;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientBuilder;
import dev.mqttbridge.mqtt.client.MqttConnectResult;
import dev.mqttbridge.mqtt.client.MqttMessageHandler;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import dev.mqttbridge.mqtt.client.MqttSubscribeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session slot: one MQTT client with a stable client id and a persistent session (clean start
 * false, session expiry above 0, manual acknowledgement), subscribed through {@code
 * $share/GROUP/...}. What it does not acknowledge stays in the broker's session and comes back
 * after a crash or a rebalance.
 *
 * <p>After a lost link the client reconnects by itself and resumes the session: the broker
 * redelivers what was not acknowledged, and the client recognises those messages by packet id and
 * does not hand them to the task again; the acknowledgements the task gives for them (once Kafka
 * has their records) go out after the resume. So a link loss writes nothing twice to Kafka, and
 * no message is acknowledged before Kafka has its record.
 */
final class SlotSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SlotSession.class);

  /** A filter subscribed by this slot with the handler of its route. */
  record Subscription(String filter, MqttMessageHandler handler) {}

  private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(5);
  /**
   * Failed reads of retained messages in a row, while the slot itself is connected, after which
   * the task fails (about 4 minutes at 1 s doubling to 1 min): a broker that keeps refusing the
   * reader would otherwise keep the retained messages out of Kafka unnoticed.
   */
  static final int MAX_RETAINED_ATTEMPTS = 10;
  /** The client's reconnect: after 1 s, doubling to 1 min, like a slot that cannot start. */
  static final MqttReconnectPolicy RECONNECT =
      MqttReconnectPolicy.exponential(SlotRetry.FIRST_DELAY, SlotRetry.MAX_DELAY);

  private final int slot;
  private final MqttClient client;
  private final MqttConnectResult connected;
  private final List<CompletableFuture<MqttSubscribeResult>> subscriptions;
  private final SlotConnectionWatch watch;
  /** Opens slot 0's reader of retained messages, or null when this slot reads none. */
  private final Supplier<RetainedReader> retainedReaders;
  /** The current reader of retained messages, or null; replaced on the task thread. */
  private RetainedReader retained;
  /** Failed reads since the last complete one and when to try again, or null. */
  private SlotRetry retainedRetry;
  private boolean closed;

  private SlotSession(int slot, MqttClient client, MqttConnectResult connected,
      List<CompletableFuture<MqttSubscribeResult>> subscriptions, SlotConnectionWatch watch,
      Supplier<RetainedReader> retainedReaders) {
    this.slot = slot;
    this.client = client;
    this.connected = connected;
    this.subscriptions = subscriptions;
    this.watch = watch;
    this.retainedReaders = retainedReaders;
  }

  /**
   * Connects the slot's client (trying each configured version in turn) and subscribes.
   *
   * @param slot the slot number
   * @param clients builds the clients from the connection settings
   * @param clientIdPrefix the prefix of the slot's stable client id
   * @param builderSettings applies the source side's session settings to a builder
   * @param subscriptions the effective filters (without the share prefix) and their handlers
   * @param shareGroup the share name
   * @param qos the subscription QoS
   * @param defaultHandler receives messages of a resumed session that arrive before the handlers
   *     are registered again
   * @param readRetained whether to read the filters' retained messages each time the slot
   *     connects (see {@link RetainedReader}); {@code defaultHandler} receives them
   * @throws RetriableException when no version connects (server down, refused): worth retrying
   * @throws ConnectException when TLS material does not load or a certificate was refused
   */
  static SlotSession open(int slot, MqttClientFactory clients, String clientIdPrefix,
      UnaryOperator<MqttClientBuilder> builderSettings, List<Subscription> subscriptions,
      String shareGroup, MqttQos qos, MqttMessageHandler defaultHandler, boolean readRetained) {
    String clientId = SlotAssignment.clientId(clientIdPrefix, slot);
    String name = "Slot " + slot + " (" + clientId + ")";
    SlotConnectionWatch watch = new SlotConnectionWatch(name);
    UnaryOperator<MqttClientBuilder> settings = builder -> builderSettings.apply(builder
        .cleanStart(false)
        .manualAcknowledgement(true)
        .reconnectPolicy(RECONNECT)
        .connectionListener(watch)
        .defaultHandler(skipRetained(defaultHandler)));
    Supplier<RetainedReader> retainedReaders = !readRetained ? null
        : () -> RetainedReader.open(clients, clientId + "-retained", builderSettings,
            subscriptions.stream().map(Subscription::filter).toList(), qos, defaultHandler);
    SlotSession session = clients.open(clientId, name, settings,
        (client, version) -> {
          // Handlers first: a resumed session may deliver right after CONNACK.
          List<CompletableFuture<MqttSubscribeResult>> subscribed = new ArrayList<>();
          for (Subscription subscription : subscriptions) {
            MqttSubscription mqtt = MqttSubscription.builder(
                    "$share/" + shareGroup + "/" + subscription.filter())
                .qos(qos)
                .retainHandling(MqttRetainHandling.SEND_IF_NEW_SUBSCRIPTION)
                .build();
            subscribed.add(client.subscribe(mqtt, skipRetained(subscription.handler())));
          }
          MqttConnectResult result = client.connect().join();
          return new SlotSession(slot, client, result, List.copyOf(subscribed), watch,
              retainedReaders);
        });
    try {
      session.awaitSubscriptions();
      LOG.info("Slot {}: session present: {}", slot, session.sessionPresent());
      session.readRetained();
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    return session;
  }

  /**
   * Acknowledges and skips messages with the retain flag: a shared subscription gets no retained
   * messages [MQTT-4.8.2] and forwards live ones with the flag clear, yet Mosquitto 2.0.11 sends a
   * new share member the retained messages, once per slot; slot 0's reader is their one source.
   */
  private static MqttMessageHandler skipRetained(MqttMessageHandler handler) {
    return message -> {
      if (message.message().isRetain()) {
        message.acknowledge();
      } else {
        handler.onMessage(message);
      }
    };
  }

  int slot() {
    return slot;
  }

  /**
   * Waits a little for the SUBACKs, so that a running task is normally subscribed; not for ever:
   * a resumed session may put many messages before them, which are acknowledged only once the
   * task polls. {@link #checkSubscriptions()} in {@code poll()} sees later answers.
   *
   * @throws ConnectException when a subscription was refused
   */
  private void awaitSubscriptions() {
    try {
      CompletableFuture.allOf(subscriptions.toArray(new CompletableFuture<?>[0]))
          .get(SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.info("Slot {}: no SUBACK within {} yet; the slot starts anyway", slot, SUBSCRIBE_WAIT);
    } catch (ExecutionException e) {
      // Only when the client was closed: after a lost connection it sends an unanswered
      // SUBSCRIBE again on the next one, and re-subscribes when the server lost the session.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checkSubscriptions();
  }

  /**
   * Fails when the server refused a subscription (a config or permission problem no retry fixes).
   * Answers not yet received are checked on a later call.
   *
   * @throws ConnectException naming the refused filter and reason code
   */
  void checkSubscriptions() {
    for (CompletableFuture<MqttSubscribeResult> future : subscriptions) {
      if (!future.isDone() || future.isCompletedExceptionally()) {
        continue; // not answered yet (the client retries after a lost link), or closed
      }
      MqttSubscribeResult answer = future.join();
      if (!answer.isSuccess()) {
        throw new ConnectException("Slot " + slot + ": subscription " + answer.subscriptions()
            + " refused: " + answer.reasonCodes());
      }
    }
  }

  boolean sessionPresent() {
    return connected.sessionPresent();
  }

  /**
   * Task-thread upkeep from {@code poll()}: fails on a refused subscription or a certificate
   * refused on reconnect; after a reconnect lets slot 0 read the retained messages again (a lost
   * session lost nothing else of them); and tends slot 0's reader: it completes, or after a failed
   * open or a lost link it is opened again with back-off while the slot is connected.
   *
   * @throws ConnectException when a subscription or a certificate was refused, or the retained
   *     messages could not be read {@link #MAX_RETAINED_ATTEMPTS} times in a row
   */
  void maintain() {
    checkSubscriptions();
    watch.checkFatal();
    if (watch.takeReconnected()) {
      readRetained();
    } else {
      maintainRetained();
    }
  }

  /** Replaces the reader of retained messages with a fresh one, if this slot reads them. */
  private synchronized void readRetained() {
    if (retainedReaders == null || closed) {
      return;
    }
    if (retained != null) {
      // Its unacknowledged retained messages are read again by the new reader.
      retained.close();
      retained = null;
    }
    retainedRetry = null;
    openRetained();
  }

  private synchronized void maintainRetained() {
    if (retainedReaders == null || closed) {
      return;
    }
    if (retained == null) {
      if (retainedRetry != null && retainedRetry.isDue(System.nanoTime()) && client.isConnected()) {
        openRetained();
      }
    } else if (retained.isLost()) {
      // The broker forgot what it had not sent: read them all again.
      retained.close();
      retained = null;
      retainedFailed("the reader lost its connection before the read completed");
    } else if (retained.maintain()) {
      retainedRetry = null;
    }
  }

  private void openRetained() {
    try {
      retained = retainedReaders.get();
    } catch (RetriableException e) {
      retainedFailed(e.getMessage());
    }
  }

  private void retainedFailed(String reason) {
    int attempts = retainedRetry == null ? 1 : retainedRetry.attempts() + 1;
    if (attempts >= MAX_RETAINED_ATTEMPTS) {
      throw new ConnectException("Slot " + slot + ": retained messages not read after " + attempts
          + " attempts; last: " + reason + ". The broker must accept the reader's client id"
          + " and its plain subscriptions, or set mqtt.retained.ingest=false");
    }
    retainedRetry = new SlotRetry(slot, attempts,
        System.nanoTime() + SlotRetry.delay(attempts).toNanos());
    LOG.warn("Slot {}: retained messages not read ({}); attempt {} of {}, next in {}", slot,
        reason, attempts, MAX_RETAINED_ATTEMPTS, SlotRetry.delay(attempts));
  }

  /**
   * Closes the connection without unsubscribing: the session and its unacknowledged messages stay
   * with the broker for the slot's next owner.
   */
  @Override
  public synchronized void close() {
    closed = true;
    client.close();
    if (retained != null) {
      retained.close();
    }
  }
}
