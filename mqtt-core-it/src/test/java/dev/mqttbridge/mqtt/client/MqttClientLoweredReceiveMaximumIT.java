package dev.mqttbridge.mqtt.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.test.mosquitto.MosquittoBroker;
import dev.mqttbridge.test.mosquitto.MosquittoConfig;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resending a resumed session's publishes after the server lowered its Receive Maximum, against
 * Mosquitto: its {@code max_inflight_messages} (announced as Receive Maximum) drops from 10 to 2
 * across a restart. Mosquitto answers a QoS 2 PUBLISH beyond its Receive Maximum with PUBREC 0x97
 * (quota exceeded), so a client that resent all eight at once would see six of them refused.
 */
class MqttClientLoweredReceiveMaximumIT {

  private static final int MESSAGES = 8;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  @Test
  void sessionResumed_serverReceiveMaximumLowered_resendsWithinIt_everyQos2PublishSucceeds()
      throws IOException {
    Path limits = Files.createTempDirectory("mosquitto-limits",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.writeString(limits.resolve("limits.conf"), "max_inflight_messages 10\n");
    MosquittoBroker broker = keep(MosquittoBroker.start(MosquittoConfig.builder()
        .persistence(true).autosaveInterval(1).maxQueuedMessages(0)
        .extraLines("include_dir " + limits).build()));
    FaultProxy proxy = keep(FaultProxy.start(broker.port()));

    MqttClient publisher = keep(MqttClient.builder().serverUri(proxy.uri()).clientId("lowered")
        .cleanStart(false).sessionExpiryInterval(300).inflightWindow(MESSAGES)
        .reconnectPolicy(MqttReconnectPolicy.exponential(Duration.ofMillis(50),
            Duration.ofMillis(300))).build());
    assertThat(publisher.connect().join().serverReceiveMaximum()).isEqualTo(10);

    // The publishes go out but never reach the broker: all eight stay inflight in our session.
    proxy.stall(true);
    List<CompletableFuture<MqttPublishResult>> results = IntStream.range(0, MESSAGES)
        .mapToObj(i -> publisher.publish(MqttMessage.builder("lowered").qos(2)
            .payload("m" + i).build())).toList();
    await().atMost(MessageCollector.WAIT).until(() -> publisher.metrics().inflight() == MESSAGES);

    proxy.refuseNew(true);
    proxy.cutAll();
    proxy.stall(false);
    broker.stop();
    Files.writeString(limits.resolve("limits.conf"), "max_inflight_messages 2\n");
    broker.restart();

    MessageCollector received = new MessageCollector();
    MqttClient subscriber = keep(MqttClient.builder().serverUri(broker.uri())
        .reconnectPolicy(MqttReconnectPolicy.DISABLED).build());
    assertThat(subscriber.connect().join().serverReceiveMaximum()).isEqualTo(2);
    subscriber.subscribe(MqttSubscription.of("lowered", MqttQos.EXACTLY_ONCE), received).join();

    proxy.refuseNew(false);
    List<MqttPublishResult> outcomes = results.stream()
        .map(f -> f.orTimeout(30, TimeUnit.SECONDS).join()).toList();
    assertThat(outcomes).allSatisfy(r -> assertThat(r.isSuccess())
        .as("%s: %s", r.message().payloadAsString(), r.reasonCode()).isTrue());
    await().atMost(MessageCollector.WAIT).until(() -> received.count() >= MESSAGES);
    assertThat(received.payloads())
        .containsExactlyElementsOf(IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList());
  }
}
