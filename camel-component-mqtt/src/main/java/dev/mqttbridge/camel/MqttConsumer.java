package dev.mqttbridge.camel;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.mqtt.client.MqttSubscribeResult;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes the endpoint's topic filter and routes one exchange per message. A QoS 1 or 2
 * message is acknowledged only when its exchange is done: after success, or after the route's
 * error handler dealt with a failure; with brokerRedelivery, an unhandled failure leaves it
 * unacknowledged and the session is resumed on a new connection so that the broker redelivers it.
 */
public class MqttConsumer extends DefaultConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(MqttConsumer.class);
  private static final int TRACKED_MESSAGES = 10_000;
  private static final int STOP_WAIT_SECONDS = 10;

  private final MqttConfiguration configuration;
  private final TopicTemplate template;
  private final MqttMessageBinding binding;
  private final RedeliveryTracker tracker = new RedeliveryTracker(TRACKED_MESSAGES);
  private final MqttVersion version;

  private String clientId;
  private ScheduledExecutorService scheduler;
  private AsyncProducer deadLetterProducer;
  /** Messages handed to the route and not yet acknowledged or given up: stop waits for them. */
  private final AtomicInteger outstanding = new AtomicInteger();
  private volatile Session session;
  private volatile Throwable lastConnectFailure;

  public MqttConsumer(MqttEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.configuration = endpoint.getConfiguration();
    this.template = TopicTemplate.parse(endpoint.getTopic());
    this.binding = new MqttMessageBinding(endpoint.getHeaderFilterStrategy());
    this.version = MqttClientFactory.version(configuration);
  }

  @Override
  public MqttEndpoint getEndpoint() {
    return (MqttEndpoint) super.getEndpoint();
  }

  /** Whether the consumer's client is connected now. */
  public boolean isConnected() {
    Session current = session;
    return current != null && current.client.isConnected();
  }

  /** Why the last connection attempt failed, or null. */
  Throwable lastConnectFailure() {
    return lastConnectFailure;
  }

  /** The client id in use, or null before start. */
  String clientId() {
    return clientId;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    if (configuration.isBrokerRedelivery()) {
      requireResumableSession();
    }
    clientId = MqttClientFactory.clientIdOrRandom(configuration);
    scheduler = getEndpoint().getCamelContext().getExecutorServiceManager()
        .newSingleThreadScheduledExecutor(this, "MqttConsumer[" + template + "]");
    if (ObjectHelper.isNotEmpty(configuration.getDeadLetterUri())) {
      Endpoint deadLetter = getEndpoint().getCamelContext()
          .getEndpoint(configuration.getDeadLetterUri());
      deadLetterProducer = deadLetter.createAsyncProducer();
      ServiceHelper.startService(deadLetterProducer);
    }
    registerHealthCheck();
    try {
      session = openSession(configuration.isCleanStart());
    } catch (IllegalArgumentException e) {
      throw e; // a configuration error: retrying would not help
    } catch (Exception e) {
      if (!configuration.isAutomaticReconnect()) {
        throw e;
      }
      // Keep the route up and report DOWN; connect in the background like a lost connection.
      lastConnectFailure = e;
      LOG.warn("Cannot connect to {} yet, retrying in the background: {}",
          configuration.getServerUris(), e.getMessage());
      scheduleConnect(configuration.isCleanStart(), Duration.ofSeconds(1));
    }
  }

  @Override
  protected void doStop() throws Exception {
    awaitOutstanding();
    if (scheduler != null) {
      getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
      scheduler = null;
    }
    Session current = session;
    session = null;
    if (current != null) {
      current.close();
    }
    ServiceHelper.stopService(deadLetterProducer);
    deadLetterProducer = null;
    tracker.clear();
    super.doStop();
  }

  private void requireResumableSession() {
    boolean resumable = version.isMqtt5()
        ? configuration.getSessionExpiryInterval() > 0 : !configuration.isCleanStart();
    if (!resumable) {
      throw new IllegalArgumentException("brokerRedelivery needs a session that outlives the"
          + " connection: set sessionExpiryInterval above 0 (MQTT 5) or cleanStart=false"
          + " (MQTT 3.1.1, 3.1)");
    }
  }

  /** Camel's consumers health check repository calls it through {@link #getHealthCheck()}. */
  private void registerHealthCheck() {
    MqttConsumerHealthCheck check = new MqttConsumerHealthCheck(this, getRouteId());
    check.setEnabled(getEndpoint().getComponent().isHealthCheckConsumerEnabled());
    setHealthCheck(check);
  }

  /** Gives exchanges under way a moment to complete, so that their acknowledgements go out. */
  private void awaitOutstanding() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
    while (outstanding.get() > 0 && System.nanoTime() - deadline < 0) {
      Thread.sleep(10);
    }
    if (outstanding.get() > 0) {
      LOG.warn("Stopping with {} messages unacknowledged; the broker delivers them again",
          outstanding.get());
    }
  }

  /** Connects a new client and subscribes; blocks until both are done. */
  private Session openSession(boolean cleanStart) throws Exception {
    Session created = new Session();
    MqttClient client = MqttClientFactory.builder(configuration, getEndpoint().getCamelContext(),
            clientId, received -> onMessage(created, received))
        .cleanStart(cleanStart)
        .manualAcknowledgement(true)
        .build();
    created.client = client;
    long timeout = Math.max(configuration.getConnectionTimeout(), 1) * 2L;
    try {
      client.connect().get(timeout, TimeUnit.SECONDS);
      MqttSubscribeResult result = client.subscribe(
          MqttSubscription.of(template.subscriptionFilter(), MqttQos.of(configuration.getQos())),
          received -> onMessage(created, received)).get(timeout, TimeUnit.SECONDS);
      if (!result.isSuccess()) {
        throw new IllegalStateException("Broker refused the subscription to "
            + template.subscriptionFilter() + ": " + result.reasonCodes());
      }
    } catch (ExecutionException e) {
      client.close();
      // The client's own exception says why (refused, unreachable, timed out): keep that one.
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (Exception e) {
      client.close();
      throw e;
    }
    lastConnectFailure = null;
    LOG.info("Subscribed {} as {} on {}", template.subscriptionFilter(), clientId,
        configuration.getServerUris());
    return created;
  }

  private void scheduleConnect(boolean cleanStart, Duration delay) {
    ScheduledExecutorService current = scheduler;
    if (current == null || !isRunAllowed()) {
      return;
    }
    current.schedule(() -> {
      if (!isRunAllowed() || session != null) {
        return;
      }
      try {
        session = openSession(cleanStart);
      } catch (Exception e) {
        lastConnectFailure = e;
        Duration next = delay.multipliedBy(2);
        Duration maximum = Duration.ofMillis(Math.max(configuration.getMaxReconnectDelay(), 1));
        LOG.debug("Connecting failed, next attempt in {}", next, e);
        scheduleConnect(cleanStart, next.compareTo(maximum) > 0 ? maximum : next);
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs on the client's callback thread, once per received message. */
  private void onMessage(Session owner, MqttReceivedMessage received) {
    if (owner.recovering.get() || !isRunAllowed()) {
      // Not acknowledged: the broker delivers it again on the resumed session.
      return;
    }
    MqttMessage message = received.message();
    outstanding.incrementAndGet();
    Exchange exchange = createExchange(false);
    String identity = null;
    int failures = 0;
    try {
      binding.toCamel(received, template.capture(message.topic()), exchange.getIn(), exchange);
      if (configuration.isBrokerRedelivery()) {
        identity = RedeliveryTracker.identity(message);
        failures = tracker.failures(identity);
        exchange.getIn().setHeader(MqttConstants.REDELIVERY_COUNTER, failures);
      }
    } catch (RuntimeException e) {
      exchange.setException(e);
    }
    boolean reply = !configuration.isDisableReplyTo() && version.isMqtt5()
        && message.responseTopic() != null;
    if (reply) {
      exchange.setPattern(ExchangePattern.InOut);
    }
    String messageIdentity = identity;
    int failuresBefore = failures;
    getAsyncProcessor().process(exchange,
        doneSync -> onExchangeDone(owner, received, exchange, messageIdentity, failuresBefore,
            reply));
  }

  private void onExchangeDone(Session owner, MqttReceivedMessage received, Exchange exchange,
      String identity, int failuresBefore, boolean reply) {
    boolean failed = exchange.isFailed() || exchange.isRollbackOnly();
    if (!failed) {
      if (identity != null) {
        tracker.forget(identity);
      }
      if (reply) {
        publishReply(owner, received, exchange);
      } else {
        acknowledge(received, exchange);
      }
      return;
    }
    if (!configuration.isBrokerRedelivery()) {
      // The route's error handler has had it and left it failed: report it, then let it go, as
      // holding the acknowledgement back would block every later one.
      getExceptionHandler().handleException("Failed exchange, acknowledged: " + received.message(),
          exchange, exchange.getException());
      acknowledge(received, exchange);
      return;
    }
    if (failuresBefore < configuration.getMaximumRedeliveries()) {
      int count = tracker.recordFailure(identity);
      LOG.debug("{} failed ({} of {}); leaving it to the broker to redeliver", received.message(),
          count, configuration.getMaximumRedeliveries() + 1);
      done(exchange);
      scheduleRecovery(owner);
    } else {
      deadLetter(owner, received, exchange, identity);
    }
  }

  private void acknowledge(MqttReceivedMessage received, Exchange exchange) {
    received.acknowledge();
    done(exchange);
  }

  /** The message is acknowledged or left to the broker: release the exchange. */
  private void done(Exchange exchange) {
    releaseExchange(exchange, false);
    outstanding.decrementAndGet();
  }

  private void publishReply(Session owner, MqttReceivedMessage received, Exchange exchange) {
    MqttMessage request = received.message();
    MqttMessage replyMessage;
    try {
      replyMessage = binding.toMqtt(exchange, request.responseTopic(), configuration).toBuilder()
          .retain(false)
          .responseTopic(null)
          .correlationData(request.correlationData())
          .build();
    } catch (Exception e) {
      getExceptionHandler().handleException("Cannot build the reply to " + request, exchange, e);
      acknowledge(received, exchange);
      return;
    }
    owner.client.publish(replyMessage).whenComplete((result, error) -> {
      if (error != null || !result.isSuccess()) {
        getExceptionHandler().handleException("Reply to " + request.responseTopic() + " failed: "
            + (error != null ? error.getMessage() : result.reasonCode()), exchange, error);
      }
      acknowledge(received, exchange);
    });
  }

  private void deadLetter(Session owner, MqttReceivedMessage received, Exchange exchange,
      String identity) {
    Throwable cause = exchange.getException();
    AsyncProducer producer = deadLetterProducer;
    if (producer == null) {
      getExceptionHandler().handleException("Failed " + (configuration.getMaximumRedeliveries() + 1)
          + " times, acknowledged without a deadLetterUri: " + received.message(), exchange, cause);
      tracker.forget(identity);
      acknowledge(received, exchange);
      return;
    }
    Exchange dead = producer.getEndpoint().createExchange();
    dead.getIn().copyFrom(exchange.getMessage());
    dead.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
    producer.process(dead, doneSync -> {
      if (dead.isFailed()) {
        LOG.warn("Dead letter endpoint failed on {}; leaving it unacknowledged",
            received.message(), dead.getException());
        done(exchange);
        scheduleRecovery(owner);
      } else {
        tracker.forget(identity);
        acknowledge(received, exchange);
      }
    });
  }

  /**
   * Resumes the session on a new client after redeliveryDelay: a client keeps (and never
   * redelivers) the messages it holds, so only a new one gets the broker's redeliveries.
   */
  private void scheduleRecovery(Session owner) {
    ScheduledExecutorService current = scheduler;
    if (current == null || !owner.recovering.compareAndSet(false, true)) {
      return;
    }
    current.schedule(() -> {
      if (!isRunAllowed() || session != owner) {
        return;
      }
      session = null;
      owner.close();
      try {
        session = openSession(false);
      } catch (Exception e) {
        lastConnectFailure = e;
        LOG.warn("Cannot resume the session yet: {}", e.getMessage());
        scheduleConnect(false, Duration.ofMillis(Math.max(configuration.getRedeliveryDelay(), 1)));
      }
    }, configuration.getRedeliveryDelay(), TimeUnit.MILLISECONDS);
  }

  /** One client and its connection-lifetime state. */
  private static final class Session {
    volatile MqttClient client;
    /** After a failure in brokerRedelivery mode: deliver nothing more from this client. */
    final AtomicBoolean recovering = new AtomicBoolean();

    void close() {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.debug("Closing the MQTT client failed", e);
      }
    }
  }
}
