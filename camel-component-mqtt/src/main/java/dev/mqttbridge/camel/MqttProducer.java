package dev.mqttbridge.camel;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the message body to the endpoint's topic, or to the CamelMqttOverrideTopic header's;
 * the exchange completes when the broker acknowledged the publish (QoS 1 and 2). InOut exchanges
 * are MQTT 5 requests: sent with a response topic and correlation data, completed by the reply.
 */
public class MqttProducer extends DefaultAsyncProducer {

  private static final Logger LOG = LoggerFactory.getLogger(MqttProducer.class);

  private final MqttConfiguration configuration;
  private final MqttMessageBinding binding;
  private final MqttVersion version;

  private String clientId;
  private String responseTopic;
  /** Set once the first connection is made; null before (and after stop). */
  private volatile MqttClient client;
  private ScheduledExecutorService scheduler;
  private ReplyManager replies;
  private CompletableFuture<Void> replySubscription;
  private MqttProducerHealthCheck healthCheck;
  private WritableHealthCheckRepository healthCheckRepository;
  private volatile Throwable lastConnectFailure;

  public MqttProducer(MqttEndpoint endpoint) {
    super(endpoint);
    this.configuration = endpoint.getConfiguration();
    this.binding = new MqttMessageBinding(endpoint.getHeaderFilterStrategy());
    this.version = MqttClientFactory.version(configuration);
  }

  @Override
  public MqttEndpoint getEndpoint() {
    return (MqttEndpoint) super.getEndpoint();
  }

  /** Whether the producer's client is connected now. */
  public boolean isConnected() {
    MqttClient current = client;
    return current != null && current.isConnected();
  }

  Throwable lastConnectFailure() {
    return lastConnectFailure;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    clientId = MqttClientFactory.clientIdOrRandom(configuration);
    responseTopic = ObjectHelper.isEmpty(configuration.getResponseTopic())
        ? "camel/mqtt/reply/" + clientId : configuration.getResponseTopic();
    scheduler = getEndpoint().getCamelContext().getExecutorServiceManager()
        .newSingleThreadScheduledExecutor(this, "MqttProducerReplies");
    replies = new ReplyManager(binding, scheduler);
    registerHealthCheck();
    try {
      client = connectClient();
    } catch (IllegalArgumentException e) {
      throw e; // a configuration error: retrying would not help
    } catch (Exception e) {
      if (!configuration.isAutomaticReconnect()) {
        throw e;
      }
      // Start anyway and report DOWN; exchanges fail fast until the first connection is made.
      LOG.warn("Cannot connect to {} yet, retrying in the background: {}",
          configuration.getServerUris(), e.getMessage());
      scheduleConnect(Duration.ofSeconds(1));
    }
  }

  /** A new client, connected; its later reconnects are its own. */
  private MqttClient connectClient() throws Exception {
    MqttClient created = MqttClientFactory.builder(configuration,
        getEndpoint().getCamelContext(), clientId, null).build();
    try {
      created.connect().get(Math.max(configuration.getConnectionTimeout(), 1) * 2L,
          TimeUnit.SECONDS);
      lastConnectFailure = null;
      return created;
    } catch (ExecutionException e) {
      created.close();
      Exception cause = e.getCause() instanceof Exception c ? c : e;
      lastConnectFailure = cause;
      throw cause;
    } catch (Exception e) {
      lastConnectFailure = e;
      created.close();
      throw e;
    }
  }

  private void scheduleConnect(Duration delay) {
    ScheduledExecutorService current = scheduler;
    if (current == null || current.isShutdown() || !isRunAllowed()) {
      return;
    }
    current.schedule(() -> {
      if (!isRunAllowed() || client != null) {
        return;
      }
      try {
        client = connectClient();
        LOG.info("Connected to {} as {}", configuration.getServerUris(), clientId);
      } catch (Exception e) {
        Duration next = delay.multipliedBy(2);
        Duration maximum = Duration.ofMillis(Math.max(configuration.getMaxReconnectDelay(), 1));
        scheduleConnect(next.compareTo(maximum) > 0 ? maximum : next);
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() throws Exception {
    if (healthCheckRepository != null && healthCheck != null) {
      healthCheckRepository.removeHealthCheck(healthCheck);
    }
    if (scheduler != null) {
      // First, so that no background connect races the close below.
      getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
    }
    if (replies != null) {
      replies.failAll(new IllegalStateException("The MQTT producer stopped"));
    }
    MqttClient current = client;
    client = null;
    if (current != null) {
      current.close();
    }
    synchronized (this) {
      replySubscription = null;
    }
    super.doStop();
  }

  private void registerHealthCheck() {
    healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(
        getEndpoint().getCamelContext(), "producers", WritableHealthCheckRepository.class);
    if (healthCheckRepository != null) {
      healthCheck = new MqttProducerHealthCheck(this, clientId);
      healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
      healthCheckRepository.addHealthCheck(healthCheck);
    }
  }

  @Override
  public boolean process(Exchange exchange, AsyncCallback callback) {
    MqttMessage message;
    try {
      String topic = exchange.getMessage().getHeader(MqttConstants.OVERRIDE_TOPIC,
          getEndpoint().getTopic(), String.class);
      TopicName.of(topic); // a filter or a template is no topic to publish to
      message = binding.toMqtt(exchange, topic, configuration);
    } catch (Exception e) {
      exchange.setException(e);
      callback.done(true);
      return true;
    }
    MqttClient current = client;
    if (current == null) {
      Throwable cause = lastConnectFailure;
      exchange.setException(new IllegalStateException("Not connected to "
          + configuration.getServerUris() + " yet" + (cause != null ? ": " + cause.getMessage() : ""),
          cause));
      callback.done(true);
      return true;
    }
    if (exchange.getPattern().isOutCapable()) {
      return request(current, exchange, message, callback);
    }
    current.publish(message).whenComplete((result, error) -> {
      recordOutcome(exchange, result, error);
      callback.done(false);
    });
    return false;
  }

  private boolean request(MqttClient client, Exchange exchange, MqttMessage message,
      AsyncCallback callback) {
    if (!version.isMqtt5()) {
      exchange.setException(new IllegalStateException("InOut needs MQTT 5 request/response;"
          + " this endpoint speaks MQTT " + version));
      callback.done(true);
      return true;
    }
    byte[] correlation = message.correlationData();
    if (correlation == null) {
      correlation = randomCorrelationData();
    }
    MqttMessage request = message.toBuilder()
        .responseTopic(responseTopic)
        .correlationData(correlation)
        .build();
    byte[] key = correlation;
    replySubscription(client).whenComplete((subscribed, subscribeError) -> {
      if (subscribeError != null) {
        exchange.setException(subscribeError);
        callback.done(false);
        return;
      }
      try {
        replies.register(key, exchange, callback, configuration.getRequestTimeout());
      } catch (IllegalStateException e) {
        exchange.setException(e);
        callback.done(false);
        return;
      }
      client.publish(request).whenComplete((result, error) -> {
        if (error != null || !result.isSuccess()) {
          Exchange failed = exchange;
          recordOutcome(failed, result, error);
          replies.fail(key, failed.getException());
        }
      });
    });
    return false;
  }

  /** Subscribes the response topic once, before the first request. */
  private synchronized CompletableFuture<Void> replySubscription(MqttClient client) {
    if (replySubscription == null) {
      replySubscription = client.subscribe(
              MqttSubscription.of(responseTopic, MqttQos.of(configuration.getQos())),
              replies::onReply)
          .thenAccept(result -> {
            if (!result.isSuccess()) {
              throw new IllegalStateException("Broker refused the subscription to the response"
                  + " topic " + responseTopic + ": " + result.reasonCodes());
            }
          });
    }
    return replySubscription;
  }

  private static void recordOutcome(Exchange exchange, MqttPublishResult result, Throwable error) {
    if (error != null) {
      exchange.setException(error instanceof java.util.concurrent.CompletionException
          && error.getCause() != null ? error.getCause() : error);
    } else if (!result.isSuccess()) {
      exchange.setException(new CamelExchangeException("Broker refused the publish to "
          + result.message().topic() + ": " + result.reasonCode()
          + (result.reasonString() != null ? " (" + result.reasonString() + ")" : ""), exchange));
    }
  }

  private static byte[] randomCorrelationData() {
    UUID uuid = UUID.randomUUID();
    return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits()).array();
  }
}
