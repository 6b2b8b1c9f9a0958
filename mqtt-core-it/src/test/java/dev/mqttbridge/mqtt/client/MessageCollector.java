package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A message handler that keeps what it receives for assertions. */
final class MessageCollector implements MqttMessageHandler {

  static final Duration WAIT = Duration.ofSeconds(15);

  private final BlockingQueue<MqttReceivedMessage> queue = new LinkedBlockingQueue<>();
  private final List<MqttReceivedMessage> all = new CopyOnWriteArrayList<>();

  @Override
  public void onMessage(MqttReceivedMessage message) {
    all.add(message);
    queue.add(message);
  }

  /** The next message, waiting up to {@link #WAIT}. */
  MqttReceivedMessage next() {
    try {
      MqttReceivedMessage message = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).as("a message within " + WAIT).isNotNull();
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Asserts that nothing more arrives within {@code quiet}. */
  void expectNothingWithin(Duration quiet) throws InterruptedException {
    MqttReceivedMessage message = queue.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(message).as("no further message").isNull();
  }

  /** Payloads of everything received so far, as text, in order. */
  List<String> payloads() {
    return all.stream().map(m -> m.message().payloadAsString()).toList();
  }

  int count() {
    return all.size();
  }
}
