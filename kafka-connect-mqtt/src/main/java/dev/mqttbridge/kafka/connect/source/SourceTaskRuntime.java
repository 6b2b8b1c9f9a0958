package dev.mqttbridge.kafka.connect.source;

import dev.mqttbridge.kafka.connect.config.MqttClientFactory;
import dev.mqttbridge.kafka.connect.config.MqttSourceConnectorConfig;
import dev.mqttbridge.kafka.connect.mapping.Route;
import dev.mqttbridge.kafka.connect.mapping.TopicResolver;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running source task: its slot sessions, the bounded buffer between the MQTT callback threads
 * and {@code poll()}, and the messages in flight to Kafka.
 *
 * <p><b>Backpressure.</b> Unacknowledged QoS 1 and 2 messages count against each client's Receive
 * Maximum, so the broker stops sending when Kafka falls behind; the buffer holds at most that many
 * per slot and never blocks them. QoS 0 messages block the callback thread when the buffer is
 * full, and the client drops those beyond its own queue (counted in its metrics).
 */
public final class SourceTaskRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SourceTaskRuntime.class);
  private static final int MAX_BATCH = 2_000;
  private static final Duration POLL_WAIT = Duration.ofMillis(200);
  /** How long close() lets records already sent complete, so their messages get acknowledged. */
  private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(5);

  private final MqttSourceConnectorConfig config;
  private final MqttClientFactory clients;
  private final RecordFactory records;
  private final BlockingQueue<SourceRecord> buffer;
  private final InFlightMessages inFlight = new InFlightMessages();
  private final List<SlotSession> sessions = new CopyOnWriteArrayList<>();
  /** Slots that could not connect yet; touched on the task thread only. */
  private final List<SlotRetry> retries = new ArrayList<>();
  private final Clock clock = Clock.systemUTC();
  private volatile boolean closing;

  private SourceTaskRuntime(MqttSourceConnectorConfig config, List<Integer> slots) {
    this.config = config;
    this.clients = new MqttClientFactory(config.connection());
    this.records = new RecordFactory(config.routes(),
        new TopicResolver(config.allowedTopics(), List.of(config.errorsTopic())),
        config.keyTemplate(), config.valueFormat(), config.maxPayloadBytes(), config.errorsTopic());
    // Linked: the bound may be large (slots x mqtt.receive.maximum) and is rarely reached.
    this.buffer = new LinkedBlockingQueue<>(config.receiveMaximum() * (slots.size() + 1));
  }

  /**
   * Connects the task's slots and subscribes.
   *
   * <p>A slot whose server cannot be reached is retried from {@link #poll()} with back-off (1 s
   * doubling to 1 min), so a broker that is down when the task starts delays the slot instead of
   * failing the task. Once connected, a slot's client reconnects by itself and resumes its
   * session (see {@link SlotSession}).
   *
   * @throws ConnectException when the TLS material does not load, a certificate is refused, or a
   *     subscription is refused
   */
  public static SourceTaskRuntime start(Map<String, String> props) {
    MqttSourceConnectorConfig config = new MqttSourceConnectorConfig(props);
    config.connection().requireSupported();
    String slotText = props.get(MqttSourceConnectorConfig.TASK_SLOTS_CONFIG);
    List<Integer> slots = slotText == null ? List.of(0) : SlotAssignment.parse(slotText);
    SourceTaskRuntime runtime = new SourceTaskRuntime(config, slots);
    try {
      for (int slot : slots) {
        try {
          runtime.sessions.add(runtime.openSlot(slot));
        } catch (RetriableException e) {
          LOG.warn("{}; retrying in {}", e.getMessage(), SlotRetry.delay(1));
          runtime.retries.add(SlotRetry.afterFirstFailure(slot, System.nanoTime()));
        }
      }
    } catch (RuntimeException e) {
      runtime.closeSessions();
      throw e;
    }
    return runtime;
  }

  /** Tries the slots whose retry is due; a slot that connects starts receiving at once. */
  private void retryDueSlots() {
    long now = System.nanoTime();
    for (int i = 0; i < retries.size(); i++) {
      SlotRetry retry = retries.get(i);
      if (!retry.isDue(now) || closing) {
        continue;
      }
      try {
        SlotSession session = openSlot(retry.slot());
        sessions.add(session);
        retries.remove(i--);
        if (closing) {
          session.close();
        }
      } catch (RetriableException e) {
        SlotRetry next = retry.afterFailure(System.nanoTime());
        LOG.warn("{}; attempt {} failed, retrying in {}", e.getMessage(), next.attempts(),
            SlotRetry.delay(next.attempts()));
        retries.set(i, next);
      }
    }
  }

  private SlotSession openSlot(int slot) {
    List<SlotSession.Subscription> subscriptions = new ArrayList<>();
    for (Route route : config.routes()) {
      subscriptions.add(new SlotSession.Subscription(
          route.filter().filter().filter(), message -> receive(route, message)));
    }
    return SlotSession.open(slot, clients, config.connection().clientIdPrefix(),
        builder -> builder
            .sessionExpiryInterval(config.sessionExpirySeconds())
            .receiveMaximum(config.receiveMaximum()),
        subscriptions, config.sharedGroup(), config.qos(), this::receiveUnclaimed,
        slot == 0 && config.ingestRetained());
  }

  /** A message a resumed session delivered before its handler was registered again. */
  private void receiveUnclaimed(MqttReceivedMessage message) {
    Optional<Route> route = records.routeOf(message.message().topic());
    if (route.isPresent()) {
      receive(route.get(), message);
    } else {
      // A subscription of an earlier configuration: its messages have no target any more.
      LOG.warn("Acknowledging a message on {} that no configured filter matches",
          message.message().topic());
      message.acknowledge();
    }
  }

  /** Runs on an MQTT callback thread. */
  private void receive(Route route, MqttReceivedMessage message) {
    if (message.message().isRetain() && !config.ingestRetained()) {
      message.acknowledge();
      return;
    }
    SourceRecord record = records.toRecord(
        route, message.message(), message.isDuplicate(), clock.instant());
    inFlight.add(record, message);
    try {
      while (!buffer.offer(record, 100, TimeUnit.MILLISECONDS)) {
        if (closing) {
          return; // stays unacknowledged in the session
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The records received since the last call; waits a little for the first one. */
  public List<SourceRecord> poll() throws InterruptedException {
    for (SlotSession session : sessions) {
      session.maintain();
    }
    if (!retries.isEmpty()) {
      retryDueSlots();
    }
    SourceRecord first = buffer.poll(POLL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (first == null) {
      return null;
    }
    List<SourceRecord> batch = new ArrayList<>(Math.min(MAX_BATCH, buffer.size() + 1));
    batch.add(first);
    buffer.drainTo(batch, MAX_BATCH - 1);
    return batch;
  }

  /** Kafka has the record (or an SMT dropped it): acknowledge its MQTT message. */
  public void recordDone(SourceRecord record) {
    inFlight.complete(record);
  }

  /** How many records wait for Kafka's acknowledgement. */
  public int inFlightCount() {
    return inFlight.size();
  }

  /**
   * Lets records already handed to Connect complete for a short while (fewer duplicates after a
   * rebalance), then closes the connections. Every message not acknowledged stays in its session.
   */
  @Override
  public void close() {
    closing = true;
    // Never handed to Connect: they come back from the session, without a duplicate.
    List<SourceRecord> unsent = new ArrayList<>();
    buffer.drainTo(unsent);
    unsent.forEach(inFlight::forget);
    long deadline = System.nanoTime() + DRAIN_ON_CLOSE.toNanos();
    while (inFlight.size() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closeSessions();
    inFlight.clear();
  }

  private void closeSessions() {
    for (SlotSession session : sessions) {
      try {
        session.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing slot {} failed", session.slot(), e);
      }
    }
    sessions.clear();
  }
}
