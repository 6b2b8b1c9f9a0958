package dev.mqttbridge.camel;

import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's outstanding InOut requests, matched to replies by MQTT 5 correlation data, each
 * failed with an {@link ExchangeTimedOutException} when its reply does not come in time.
 * Thread-safe.
 */
final class ReplyManager {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyManager.class);

  private final MqttMessageBinding binding;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(Exchange exchange, AsyncCallback callback, ScheduledFuture<?> timeout) {}

  ReplyManager(MqttMessageBinding binding, ScheduledExecutorService scheduler) {
    this.binding = binding;
    this.scheduler = scheduler;
  }

  /**
   * Waits for the reply carrying this correlation data.
   *
   * @throws IllegalStateException if a request with the same correlation data is outstanding
   */
  void register(byte[] correlationData, Exchange exchange, AsyncCallback callback,
      long timeoutMillis) {
    String key = HexFormat.of().formatHex(correlationData);
    ScheduledFuture<?> timeout = scheduler.schedule(
        () -> fail(correlationData, new ExchangeTimedOutException(exchange, timeoutMillis)),
        timeoutMillis, TimeUnit.MILLISECONDS);
    if (pending.putIfAbsent(key, new Pending(exchange, callback, timeout)) != null) {
      timeout.cancel(false);
      throw new IllegalStateException("A request with correlation data " + key
          + " is already waiting for its reply");
    }
  }

  /** A message on the response topic: completes its request, or is ignored when late. */
  void onReply(MqttReceivedMessage received) {
    byte[] correlation = received.message().unsafeCorrelationData();
    Pending request = correlation == null
        ? null : pending.remove(HexFormat.of().formatHex(correlation));
    if (request == null) {
      LOG.debug("Ignoring a reply that no request waits for: {}", received.message());
      return;
    }
    request.timeout.cancel(false);
    Message reply = new DefaultMessage(request.exchange);
    binding.toCamel(received, Map.of(), reply, request.exchange);
    request.exchange.setMessage(reply);
    request.callback.done(false);
  }

  /** Fails the request with this correlation data, if it still waits. */
  void fail(byte[] correlationData, Throwable cause) {
    Pending request = pending.remove(HexFormat.of().formatHex(correlationData));
    if (request != null) {
      request.timeout.cancel(false);
      request.exchange.setException(cause);
      request.callback.done(false);
    }
  }

  /** Fails every outstanding request: the producer stops. */
  void failAll(Throwable cause) {
    pending.keySet().forEach(key -> fail(HexFormat.of().parseHex(key), cause));
  }
}
