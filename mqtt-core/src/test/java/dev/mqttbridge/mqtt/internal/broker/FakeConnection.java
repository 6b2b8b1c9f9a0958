package dev.mqttbridge.mqtt.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what the core sends; tests take the packets in order. */
final class FakeConnection implements ClientConnection {

  private final BlockingQueue<MqttPacket> sent = new LinkedBlockingQueue<>();
  volatile boolean closed;
  volatile int keepAlive = -1;
  volatile long maximumPacketSize;
  volatile int sizeOfEveryPublish;
  /** While set and not counted down, send() blocks: a session thread that is stuck or slow. */
  volatile CountDownLatch blockSends;
  /** Counted down when a send() starts waiting for {@link #blockSends}. */
  final CountDownLatch blockedInSend = new CountDownLatch(1);
  final AtomicInteger holds = new AtomicInteger();
  final AtomicInteger releases = new AtomicInteger();

  @Override
  public String remoteAddress() {
    return "fake";
  }

  @Override
  public boolean send(MqttPacket packet) {
    CountDownLatch block = blockSends;
    if (block != null) {
      blockedInSend.countDown();
      try {
        block.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (maximumPacketSize > 0 && packet instanceof dev.mqttbridge.mqtt.internal.packet.PublishPacket
        && sizeOfEveryPublish > maximumPacketSize) {
      return false;
    }
    sent.add(packet);
    return true;
  }

  @Override
  public Runnable holdReading() {
    holds.incrementAndGet();
    return releases::incrementAndGet;
  }

  @Override
  public void sendAndClose(MqttPacket packet) {
    closed = true;
    sent.add(packet);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public void connected(MqttVersion version, int keepAliveSeconds, long clientMaximumPacketSize) {
    this.keepAlive = keepAliveSeconds;
    this.maximumPacketSize = clientMaximumPacketSize;
  }

  /** The next packet sent, waiting up to 5 seconds. */
  MqttPacket next() {
    try {
      MqttPacket packet = sent.poll(5, TimeUnit.SECONDS);
      assertThat(packet).as("a packet sent within 5 s").isNotNull();
      return packet;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next packet, which must be of this type. */
  <T extends MqttPacket> T next(Class<T> type) {
    MqttPacket packet = next();
    assertThat(packet).isInstanceOf(type);
    return type.cast(packet);
  }

  /** Asserts nothing more is sent within a short while. */
  void assertNothingMore() {
    try {
      MqttPacket packet = sent.poll(200, TimeUnit.MILLISECONDS);
      assertThat(packet).as("no further packet").isNull();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
