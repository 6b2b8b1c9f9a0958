package dev.mqttbridge.kafka.connect.source;

import dev.mqttbridge.kafka.connect.config.MqttClientFactory;
import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttRetainHandling;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientBuilder;
import dev.mqttbridge.mqtt.client.MqttConnectionListener;
import dev.mqttbridge.mqtt.client.MqttMessageHandler;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import dev.mqttbridge.mqtt.client.MqttSubscribeResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the retained messages of the source's filters once, for slot 0 with {@code
 * mqtt.retained.ingest=true}. Shared subscriptions never get retained messages on subscribe, so a
 * client of its own ({@code PREFIX-0-retained}, clean start, no session after it) subscribes each
 * filter plainly and keeps the subscription until the read is complete (see {@link
 * RetainedReadProgress}): every retained message received was acknowledged, which happens once
 * Kafka has its record, and none arrived for {@link #QUIET_PERIOD}. Then it disconnects.
 *
 * <p>The live messages the plain subscription gets meanwhile (retain flag clear) are acknowledged
 * and skipped, since the shared subscription delivers them. The client does not reconnect by
 * itself: {@link SlotSession#maintain()} opens a new reader when this one {@link #isLost() lost}
 * its link before completing, since the broker forgot what it had not sent yet.
 */
final class RetainedReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetainedReader.class);
  /** How long no retained message may arrive before the read counts as complete. */
  static final Duration QUIET_PERIOD = Duration.ofSeconds(2);

  private final String name;
  private final List<String> filters;
  private final RetainedReadProgress progress;
  private final AtomicBoolean lost;
  private final MqttClient client;
  private final List<CompletableFuture<MqttSubscribeResult>> requests;
  private boolean complete;

  private RetainedReader(String name, List<String> filters, RetainedReadProgress progress,
      AtomicBoolean lost, MqttClient client, List<CompletableFuture<MqttSubscribeResult>> requests) {
    this.name = name;
    this.filters = filters;
    this.progress = progress;
    this.lost = lost;
    this.client = client;
    this.requests = requests;
  }

  /**
   * Connects the reader and asks for the retained messages.
   *
   * @param clients builds the client
   * @param clientId the reader's client id
   * @param builderSettings the source side's settings (receive maximum); the session settings
   *     are the reader's own
   * @param filters the effective topic filters, without share prefix
   * @param qos the subscription QoS
   * @param handler receives the retained messages; it finds their route by topic
   * @return the reader, reading
   * @throws RetriableException when the broker could not be reached or refused the connection
   * @throws ConnectException when TLS material does not load or a certificate was refused
   */
  static RetainedReader open(MqttClientFactory clients, String clientId,
      UnaryOperator<MqttClientBuilder> builderSettings, List<String> filters, MqttQos qos,
      MqttMessageHandler handler) {
    String name = "Retained reader " + clientId;
    RetainedReadProgress progress = new RetainedReadProgress(QUIET_PERIOD, System.nanoTime());
    AtomicBoolean lost = new AtomicBoolean();
    MqttMessageHandler retainedOnly = message -> {
      if (message.message().isRetain()) {
        progress.received(System.nanoTime());
        handler.onMessage(new Tracked(message, progress));
      } else {
        message.acknowledge();
      }
    };
    MqttConnectionListener watch = new MqttConnectionListener() {
      @Override
      public void disconnected(Throwable cause) {
        if (cause != null) {
          lost.set(true);
          LOG.warn("{} lost its connection ({}) after {} retained messages", name,
              cause.getMessage(), progress.received());
        }
      }
    };
    UnaryOperator<MqttClientBuilder> settings = builder -> builderSettings.apply(builder)
        .cleanStart(true)
        .sessionExpiryInterval(0)
        .manualAcknowledgement(true)
        .reconnectPolicy(MqttReconnectPolicy.DISABLED)
        .connectionListener(watch)
        .defaultHandler(retainedOnly);
    return clients.open(clientId, name, settings, (client, version) -> {
      client.connect().join();
      List<CompletableFuture<MqttSubscribeResult>> requests = filters.stream()
          .map(filter -> client.subscribe(MqttSubscription.builder(filter)
                  .qos(qos)
                  .retainHandling(MqttRetainHandling.SEND)
                  .build(), retainedOnly)
              .whenComplete((granted, error) -> progress.activity(System.nanoTime())))
          .toList();
      return new RetainedReader(name, List.copyOf(filters), progress, lost, client, requests);
    });
  }

  /**
   * Task-thread upkeep: disconnects once the read is complete.
   *
   * @return whether the read is complete
   * @throws ConnectException when the broker refused a filter's plain subscription (an ACL that
   *     allows only the shared one): no retry fixes a permission
   */
  boolean maintain() {
    if (complete) {
      return true;
    }
    for (CompletableFuture<MqttSubscribeResult> request : requests) {
      if (!request.isDone()) {
        return false;
      }
      if (!request.isCompletedExceptionally() && !request.join().isSuccess()) {
        throw new ConnectException(name + ": the broker refused the plain subscription "
            + request.join().subscriptions() + " that reads retained messages: "
            + request.join().reasonCodes() + ". Allow it in the broker's ACL or set"
            + " mqtt.retained.ingest=false");
      }
    }
    if (lost.get() || !progress.isComplete(System.nanoTime())) {
      return false;
    }
    complete = true;
    LOG.info("{}: read {} retained messages of {}", name, progress.received(), filters);
    client.close(); // clean start, no session expiry: the plain subscriptions end with it
    return true;
  }

  /** Whether the link broke before the read completed: the broker forgot the rest. */
  boolean isLost() {
    return !complete && lost.get();
  }

  @Override
  public void close() {
    client.close();
  }

  /** A retained message that tells the progress when it is acknowledged. */
  private record Tracked(MqttReceivedMessage delegate, RetainedReadProgress progress,
      AtomicBoolean acknowledged) implements MqttReceivedMessage {

    Tracked(MqttReceivedMessage delegate, RetainedReadProgress progress) {
      this(delegate, progress, new AtomicBoolean());
    }

    @Override
    public MqttMessage message() {
      return delegate.message();
    }

    @Override
    public boolean isDuplicate() {
      return delegate.isDuplicate();
    }

    @Override
    public List<Integer> subscriptionIdentifiers() {
      return delegate.subscriptionIdentifiers();
    }

    @Override
    public void acknowledge() {
      if (acknowledged.compareAndSet(false, true)) {
        delegate.acknowledge();
        progress.acknowledged(System.nanoTime());
      }
    }
  }
}
