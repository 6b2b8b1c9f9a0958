package dev.mqttbridge.mqtt;

import dev.mqttbridge.mqtt.topic.TopicFilter;
import java.util.Objects;

/**
 * One topic filter of a SUBSCRIBE with its options. Immutable; build with {@link #builder(String)}
 * or {@link #of(String, MqttQos)}. The options other than QoS are MQTT 5 only and ignored by 3.1.1.
 *
 * @param topicFilter the topic filter, possibly a shared subscription {@code $share/group/filter}
 * @param qos the maximum QoS the subscriber accepts
 * @param noLocal MQTT 5: do not receive one's own publishes
 * @param retainAsPublished MQTT 5: keep the retain flag as published
 * @param retainHandling MQTT 5: when retained messages are sent on subscribe
 */
public record MqttSubscription(
    String topicFilter,
    MqttQos qos,
    boolean noLocal,
    boolean retainAsPublished,
    MqttRetainHandling retainHandling) {

  public MqttSubscription {
    topicFilter = TopicFilter.of(Objects.requireNonNull(topicFilter, "topicFilter")).toString();
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(retainHandling, "retainHandling");
  }

  /** A subscription with default options (retain handling: send on subscribe). */
  public static MqttSubscription of(String topicFilter, MqttQos qos) {
    return new MqttSubscription(topicFilter, qos, false, false, MqttRetainHandling.SEND);
  }

  /** A builder for a subscription to this topic filter. */
  public static Builder builder(String topicFilter) {
    return new Builder(topicFilter);
  }

  /** Builds an {@link MqttSubscription}. */
  public static final class Builder {
    private final String topicFilter;
    private MqttQos qos = MqttQos.AT_LEAST_ONCE;
    private boolean noLocal;
    private boolean retainAsPublished;
    private MqttRetainHandling retainHandling = MqttRetainHandling.SEND;

    private Builder(String topicFilter) {
      this.topicFilter = topicFilter;
    }

    /** Maximum QoS (default 1). */
    public Builder qos(MqttQos qos) {
      this.qos = qos;
      return this;
    }

    /** MQTT 5 no-local option (default false). */
    public Builder noLocal(boolean noLocal) {
      this.noLocal = noLocal;
      return this;
    }

    /** MQTT 5 retain-as-published option (default false). */
    public Builder retainAsPublished(boolean retainAsPublished) {
      this.retainAsPublished = retainAsPublished;
      return this;
    }

    /** MQTT 5 retain handling (default: send on subscribe). */
    public Builder retainHandling(MqttRetainHandling retainHandling) {
      this.retainHandling = retainHandling;
      return this;
    }

    public MqttSubscription build() {
      return new MqttSubscription(topicFilter, qos, noLocal, retainAsPublished, retainHandling);
    }
  }
}
