package dev.mqttbridge.mqtt.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what the core sends; tests take the packets in order. */
final class FakeConnection implements ClientConnection {

  private final BlockingQueue<MqttPacket> sent = new LinkedBlockingQueue<>();
  volatile boolean closed;
  volatile int keepAlive = -1;
  volatile long maximumPacketSize;
  volatile int sizeOfEveryPublish;

  @Override
  public String remoteAddress() {
    return "fake";
  }

  @Override
  public boolean send(MqttPacket packet) {
    if (maximumPacketSize > 0 && packet instanceof dev.mqttbridge.mqtt.internal.packet.PublishPacket
        && sizeOfEveryPublish > maximumPacketSize) {
      return false;
    }
    sent.add(packet);
    return true;
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
