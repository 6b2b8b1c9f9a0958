package dev.mqttbridge.mqtt.client;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous MQTT client speaking 5, 3.1.1 or 3.1 over one connection at a time. Build one with
 * {@link #builder()}. Thread-safe: every method may be called from any thread.
 *
 * <p><b>Threads.</b> Protocol state lives on one network thread (a Netty event loop). Message
 * handlers run on the callback executor ({@link MqttClientBuilder#callbackExecutor}); futures
 * complete, and the {@link MqttConnectionListener} hears its events, on a completion thread the
 * client owns. Neither is the network thread, so a slow handler never delays keep alive, and a
 * handler may wait for a future (for example {@code subscribe(...).join()}) without deadlock.
 *
 * <p><b>Sessions.</b> QoS 1 and 2 publishes not yet acknowledged survive a lost connection: on
 * reconnect with session present they are sent again with DUP = 1 (PUBREL for those past PUBREC);
 * with session present = 0 they follow the {@link MqttSessionLostPolicy} and the client makes its
 * subscriptions again.
 *
 * <p><b>Overlapping subscriptions.</b> In MQTT 5 the client gives every {@code subscribe} call its
 * own subscription identifier and routes a message to the handlers whose identifiers it carries;
 * a server may send one copy per matching subscription (each reaches its handler) or one copy with
 * several identifiers (it reaches each of those handlers once). In 3.1.1, or when the server does
 * not support identifiers, a message reaches every handler whose filter matches its topic, once per
 * handler. Messages no handler matches go to the {@link MqttClientBuilder#defaultHandler default
 * handler}, or are acknowledged and counted as dropped. A resumed session's queued messages follow
 * the CONNACK at once: call {@code subscribe} before {@code connect} (it waits for the connection)
 * or set a default handler, so that they find their handler.
 */
public interface MqttClient extends AutoCloseable {

  /** A builder with the defaults: MQTT 5, {@code tcp://localhost:1883}, keep alive 60 s. */
  static MqttClientBuilder builder() {
    return new MqttClientBuilder();
  }

  /** The options this client was built with. */
  MqttClientOptions options();

  /**
   * Connects, completing with the CONNACK. Tries each server URI once, in order, and by default
   * fails with {@link MqttConnectException} (the last server's reason) when none accepts (fail
   * fast). With {@link MqttClientBuilder#retryFirstConnect} it keeps trying under the reconnect
   * policy until a server accepts, refuses in CONNACK, or the application disconnects. Afterwards,
   * a lost connection is re-established automatically if the reconnect policy is enabled.
   */
  CompletableFuture<MqttConnectResult> connect();

  /**
   * Publishes a message. The future completes when the flow completes: QoS 0 when written, QoS 1
   * at PUBACK, QoS 2 at PUBCOMP, with the reason code. Until connected, and while the inflight
   * window (the smaller of {@link MqttClientBuilder#inflightWindow} and the server's Receive
   * Maximum) is full, the publish waits in a bounded queue; when that is full too the future fails
   * at once with {@link MqttQueueFullException} (backpressure).
   */
  CompletableFuture<MqttPublishResult> publish(MqttMessage message);

  /**
   * Publishes once there is room: where {@link #publish} (the default, fail fast) fails with
   * {@link MqttQueueFullException} because the bounded queue is full, this one waits, in call order,
   * until the queue has room. {@link MqttWaitingPublish#inflight()} completes once the message
   * enters the inflight window, so a producer that waits for it before its next call keeps at most
   * one message outside the queue. At most {@link MqttClientBuilder#maximumWaitingPublishes} wait
   * here; beyond them the result fails with {@link MqttQueueFullException} (and so does {@code
   * inflight()}).
   */
  default MqttWaitingPublish publishWhenRoom(MqttMessage message) {
    throw new UnsupportedOperationException("This client does not wait for room");
  }

  /** Publishes and waits for the result: the blocking form of {@link #publish}. */
  default MqttPublishResult publishAndWait(MqttMessage message) {
    return publish(message).join();
  }

  /**
   * Subscribes and routes matching messages to the handler. Sent when connected; made again when
   * the server lost the session. When the connection is lost before the SUBACK, the request is sent
   * again on reconnect; with reconnect off the future fails with {@link
   * MqttConnectionLostException} (so does {@link #unsubscribe}'s).
   */
  default CompletableFuture<MqttSubscribeResult> subscribe(
      List<MqttSubscription> subscriptions, MqttMessageHandler handler) {
    return subscribe(subscriptions, List.of(), handler);
  }

  /**
   * Subscribes as {@link #subscribe(List, MqttMessageHandler)} does, with MQTT 5 user properties
   * in the SUBSCRIBE packet (also when it is made again after the server lost the session).
   *
   * @throws IllegalArgumentException when there are user properties and the version is not 5
   */
  CompletableFuture<MqttSubscribeResult> subscribe(List<MqttSubscription> subscriptions,
      List<MqttUserProperty> userProperties, MqttMessageHandler handler);

  /** Subscribes one topic filter; see {@link #subscribe(List, MqttMessageHandler)}. */
  default CompletableFuture<MqttSubscribeResult> subscribe(
      MqttSubscription subscription, MqttMessageHandler handler) {
    return subscribe(List.of(subscription), handler);
  }

  /** Unsubscribes topic filters, exactly as they were subscribed, and forgets their handlers. */
  CompletableFuture<MqttUnsubscribeResult> unsubscribe(List<String> topicFilters);

  /**
   * Sends DISCONNECT (normal, the will is discarded) and closes the connection; no automatic
   * reconnect follows. Unacknowledged publishes stay in the session for a later {@link #connect()}.
   */
  CompletableFuture<Void> disconnect();

  /** Whether a connection is established (CONNACK received and not yet lost). */
  boolean isConnected();

  /** The client identifier in use: the configured one, or the server-assigned one once known. */
  String clientId();

  /** A snapshot of the counters. */
  MqttClientMetrics metrics();

  /**
   * MQTT 5 re-authentication (AUTH {@code 0x19}) with the {@link
   * MqttClientBuilder#enhancedAuthenticator enhanced authenticator}, on the live connection.
   *
   * @return completes when the server answers AUTH success; fails when the client is not connected,
   *     has no authenticator, or the server refuses (it then disconnects)
   */
  default CompletableFuture<Void> reauthenticate() {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("This client does not re-authenticate"));
  }

  /**
   * Disconnects if connected, fails every outstanding future with {@link
   * MqttClientClosedException} and releases the client's threads. Blocks until done.
   */
  @Override
  void close();
}
