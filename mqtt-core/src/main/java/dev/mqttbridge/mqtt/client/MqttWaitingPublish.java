package dev.mqttbridge.mqtt.client;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A publish made with {@link MqttClient#publishWhenRoom}: it waits for room instead of failing
 * when the client's bounded queue is full.
 *
 * @param inflight completes when the message enters the inflight window (QoS 1 and 2: written with
 *     its packet identifier; QoS 0: written); fails as {@code result} does if it never gets there
 * @param result completes when the flow completes, as the future of {@link MqttClient#publish} does
 */
public record MqttWaitingPublish(
    CompletableFuture<Void> inflight,
    CompletableFuture<MqttPublishResult> result) {

  public MqttWaitingPublish {
    Objects.requireNonNull(inflight, "inflight");
    Objects.requireNonNull(result, "result");
  }
}
