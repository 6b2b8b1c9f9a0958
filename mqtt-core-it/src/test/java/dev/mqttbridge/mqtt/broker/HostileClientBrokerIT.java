package dev.mqttbridge.mqtt.broker;

import static dev.mqttbridge.mqtt.broker.RawMqttSocket.connectPacket;
import static dev.mqttbridge.mqtt.broker.RawMqttSocket.publishPacket;
import static dev.mqttbridge.mqtt.broker.RawMqttSocket.subscribePacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.test.broker.EmbeddedMqttBroker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that try to hurt the broker, over raw sockets: silent or trickling connects, half-sent
 * packets, too many connections, publishers that never read, and floods next to a well-behaved
 * client.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileClientBrokerIT {

  @RegisterExtension
  final EmbeddedMqttBroker broker = EmbeddedMqttBroker.create(b -> b
      .connectTimeout(Duration.ofSeconds(1)));

  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<RawMqttSocket> sockets = new ArrayList<>();

  @AfterEach
  void stopClients() throws IOException {
    stop.set(true);
    for (RawMqttSocket socket : sockets) {
      socket.close(); // unblocks writers stuck on a full socket
    }
    threads.shutdownNow();
  }

  private RawMqttSocket open() throws IOException {
    return keep(RawMqttSocket.open(broker.host(), broker.port()));
  }

  private RawMqttSocket keep(RawMqttSocket socket) {
    sockets.add(socket);
    return socket;
  }

  @Test
  void connectNeverSent_closedAfterConnectTimeout() throws Exception {
    RawMqttSocket silent = open();
    long start = System.nanoTime();

    assertThat(silent.closedWithin(15_000)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(800));
  }

  @Test
  void connectTrickledByteByByte_closedAtConnectTimeoutDespiteSteadyBytes() throws Exception {
    RawMqttSocket trickler = open();
    byte[] connect = connectPacket("trickler", 60);
    Future<?> writer = threads.submit(() -> {
      // One byte every 200 ms keeps an idle timer happy; the whole packet would take seconds.
      for (int i = 0; i < connect.length - 1 && !stop.get(); i++) {
        trickler.send(new byte[] {connect[i]});
        Thread.sleep(200);
      }
      return null;
    });

    assertThat(trickler.closedWithin(15_000)).isTrue();
    writer.cancel(true);
  }

  @Test
  void halfSentPacketAfterConnect_closedAfterOneAndAHalfKeepAlives() throws Exception {
    RawMqttSocket client = open().connect("half-sent", 1);
    byte[] publish = publishPacket("half/sent", 0, 0, new byte[100]);
    client.send(Arrays.copyOf(publish, publish.length / 2));
    long start = System.nanoTime();

    assertThat(client.closedWithin(15_000)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1000));
  }

  @Test
  void connectionsAboveMaxConnections_closedOnAccept_freedSlotReusable() throws Exception {
    try (MqttBroker small = MqttBroker.builder().port(0).maxConnections(2).build().start()) {
      RawMqttSocket first = keep(RawMqttSocket.open(small.host(), small.port()))
          .connect("first", 60);
      keep(RawMqttSocket.open(small.host(), small.port())).connect("second", 60);

      RawMqttSocket third = keep(RawMqttSocket.open(small.host(), small.port()));
      assertThat(third.closedWithin(10_000)).isTrue();

      first.close();
      await().atMost(Duration.ofSeconds(30)).until(() -> small.connectionCount() == 1);
      keep(RawMqttSocket.open(small.host(), small.port())).connect("fourth", 60);
    }
  }

  @Test
  void qos1PublisherThatNeverReadsAcks_isNoLongerRead_whileOthersAreServed() throws Exception {
    RawMqttSocket flooder = keep(RawMqttSocket.openWithSmallBuffers(broker.host(), broker.port()))
        .connect("never-reads", 0);
    AtomicLong sent = new AtomicLong();
    threads.submit(() -> flood(flooder, "flood/acks", 1, sent));

    // Its PUBACKs pile up until the broker stops reading it: then its writes block for good.
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3))
        .until(new StalledCounter(sent)::stalled);
    assertThat(sent.get()).isPositive();

    RawMqttSocket polite = open().connect("polite", 60);
    assertThat(roundTrip(polite, "polite/echo", 1)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void floodingClients_wellBehavedClientsQos1RoundTripsStayWithinBound() throws Exception {
    // A subscriber that never reads: every flood message is routed to it and dropped (QoS 0).
    RawMqttSocket sink = keep(RawMqttSocket.openWithSmallBuffers(broker.host(), broker.port()))
        .connect("sink", 0);
    sink.send(subscribePacket(1, "flood/#", 0));
    AtomicLong sent = new AtomicLong();
    for (int i = 0; i < 3; i++) {
      RawMqttSocket flooder = open().connect("flooder-" + i, 0);
      int qos = i == 0 ? 1 : 0;
      threads.submit(() -> flood(flooder, "flood/" + qos, qos, sent));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() > 1_000);

    RawMqttSocket polite = open().connect("polite", 60);
    polite.send(subscribePacket(1, "polite/echo", 1));
    assertThat(polite.packet()[0]).isEqualTo((byte) 0x90);
    Duration worst = Duration.ZERO;
    for (int i = 1; i <= 30; i++) {
      Duration trip = roundTrip(polite, "polite/echo", i + 1);
      worst = trip.compareTo(worst) > 0 ? trip : worst;
    }

    // Generous: the machine is shared and two cores run the flood too; a starved client would
    // wait for the whole flood backlog instead.
    assertThat(worst).isLessThan(Duration.ofSeconds(5));
    assertThat(sent.get()).isGreaterThan(1_000);
  }

  /** Publishes as fast as the socket takes it; never reads. */
  private Void flood(RawMqttSocket client, String topic, int qos, AtomicLong sent) {
    byte[] payload = new byte[1024];
    int packetId = 0;
    try {
      while (!stop.get()) {
        packetId = packetId % 65_535 + 1;
        client.send(publishPacket(topic, qos, packetId, payload));
        sent.incrementAndGet();
      }
    } catch (IOException closed) {
      // the test ended
    }
    return null;
  }

  /**
   * Publishes QoS 1 and waits for both the PUBACK and its own message back (acknowledging it).
   * With subscription only when {@code packetId} > 1 (the caller subscribed).
   */
  private static Duration roundTrip(RawMqttSocket client, String topic, int packetId)
      throws IOException {
    long start = System.nanoTime();
    client.send(publishPacket(topic, 1, packetId, "ping".getBytes()));
    boolean acked = false;
    boolean echoed = packetId == 1;
    while (!acked || !echoed) {
      byte[] packet = client.packet();
      assertThat(packet).as("connection open").isNotNull();
      int type = (packet[0] & 0xF0) >> 4;
      if (type == 4 && ((packet[2] & 0xFF) << 8 | packet[3] & 0xFF) == packetId) {
        acked = true;
      } else if (type == 3) {
        echoed = true;
        int topicLength = (packet[2] & 0xFF) << 8 | packet[3] & 0xFF;
        int id = 4 + topicLength;
        client.send(new byte[] {0x40, 2, packet[id], packet[id + 1]});
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** True once the counter has not moved between two polls. */
  private static final class StalledCounter {
    private final AtomicLong counter;
    private long last = -1;

    StalledCounter(AtomicLong counter) {
      this.counter = counter;
    }

    boolean stalled() {
      long now = counter.get();
      boolean stalled = now == last && now > 0;
      last = now;
      return stalled;
    }
  }
}
