package dev.mqttbridge.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An MQTT application message: what a publisher sends and a subscriber receives. Immutable; build
 * one with {@link #builder(String)}.
 *
 * <p>It holds the topic, payload, QoS, retain flag and the MQTT 5 publish properties. Wire state
 * (packet identifier, DUP flag, topic alias, subscription identifiers) is not part of it. Under MQTT
 * 3.1.1 and 3.1 the MQTT 5 properties are not sent.
 */
public final class MqttMessage {

  private static final byte[] EMPTY = new byte[0];

  private final String topic;
  private final byte[] payload;
  private final MqttQos qos;
  private final boolean retain;
  private final boolean payloadUtf8;
  private final long messageExpiryInterval;
  private final String contentType;
  private final String responseTopic;
  private final byte[] correlationData;
  private final List<MqttUserProperty> userProperties;

  private MqttMessage(Builder builder) {
    this.topic = builder.topic;
    this.payload = builder.payload;
    this.qos = builder.qos;
    this.retain = builder.retain;
    this.payloadUtf8 = builder.payloadUtf8;
    this.messageExpiryInterval = builder.messageExpiryInterval;
    this.contentType = builder.contentType;
    this.responseTopic = builder.responseTopic;
    this.correlationData = builder.correlationData;
    this.userProperties = builder.userProperties;
  }

  /** A builder for a message to this topic name (no wildcards). */
  public static Builder builder(String topic) {
    return new Builder(MessageTopics.requireTopicName(topic));
  }

  /**
   * A builder for a topic name the codec has already validated, without checking it again. For
   * the codec only, which validates topic names while it reads their bytes; not part of the
   * supported API.
   */
  public static Builder unsafeBuilder(String validTopicName) {
    return new Builder(Objects.requireNonNull(validTopicName, "validTopicName"));
  }

  /** A builder that starts as a copy of this message. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The topic name. */
  public String topic() {
    return topic;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.length == 0 ? EMPTY : payload.clone();
  }

  /** The payload length in bytes, without copying it. */
  public int payloadSize() {
    return payload.length;
  }

  /** The payload decoded as UTF-8 (malformed sequences replaced). */
  public String payloadAsString() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** The quality of service. */
  public MqttQos qos() {
    return qos;
  }

  /** Whether the message is (or is to be) retained. */
  public boolean isRetain() {
    return retain;
  }

  /** MQTT 5 payload format indicator: true when the payload is declared UTF-8 text. */
  public boolean isPayloadUtf8() {
    return payloadUtf8;
  }

  /** MQTT 5 message expiry interval in seconds, if set. */
  public OptionalLong messageExpiryInterval() {
    return messageExpiryInterval < 0 ? OptionalLong.empty() : OptionalLong.of(messageExpiryInterval);
  }

  /**
   * The MQTT 5 message expiry interval in seconds, or -1 when not set: for the codec, which must
   * not allocate an {@code OptionalLong} per packet. Not part of the supported API.
   */
  public long rawMessageExpiryInterval() {
    return messageExpiryInterval;
  }

  /** MQTT 5 content type, or {@code null}. */
  public String contentType() {
    return contentType;
  }

  /** MQTT 5 response topic, or {@code null}. */
  public String responseTopic() {
    return responseTopic;
  }

  /** A copy of the MQTT 5 correlation data, or {@code null}. */
  public byte[] correlationData() {
    return correlationData == null ? null : correlationData.clone();
  }

  /** MQTT 5 user properties, in order. */
  public List<MqttUserProperty> userProperties() {
    return userProperties;
  }

  /**
   * The payload array itself, for the codec only: callers must not modify it. Public because the
   * codec lives in an internal package; not part of the supported API.
   */
  public byte[] unsafePayload() {
    return payload;
  }

  /** The correlation data array itself, for the codec only (see {@link #unsafePayload()}). */
  public byte[] unsafeCorrelationData() {
    return correlationData;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MqttMessage)) {
      return false;
    }
    MqttMessage that = (MqttMessage) o;
    return retain == that.retain
        && payloadUtf8 == that.payloadUtf8
        && messageExpiryInterval == that.messageExpiryInterval
        && qos == that.qos
        && topic.equals(that.topic)
        && Arrays.equals(payload, that.payload)
        && Objects.equals(contentType, that.contentType)
        && Objects.equals(responseTopic, that.responseTopic)
        && Arrays.equals(correlationData, that.correlationData)
        && userProperties.equals(that.userProperties);
  }

  @Override
  public int hashCode() {
    int result = Objects.hash(topic, qos, retain, payloadUtf8, messageExpiryInterval, contentType,
        responseTopic, userProperties);
    result = 31 * result + Arrays.hashCode(payload);
    return 31 * result + Arrays.hashCode(correlationData);
  }

  /** Topic, QoS, retain and payload size; never the payload, which may be sensitive. */
  @Override
  public String toString() {
    return "MqttMessage{topic=" + topic + ", qos=" + qos.code() + ", retain=" + retain
        + ", payload=" + payload.length + " bytes}";
  }

  /** Builds an {@link MqttMessage}. Not thread-safe. */
  public static final class Builder {
    private String topic;
    private byte[] payload = EMPTY;
    private MqttQos qos = MqttQos.AT_MOST_ONCE;
    private boolean retain;
    private boolean payloadUtf8;
    private long messageExpiryInterval = -1;
    private String contentType;
    private String responseTopic;
    private byte[] correlationData;
    private List<MqttUserProperty> userProperties = List.of();

    private Builder(String validTopicName) {
      this.topic = validTopicName;
    }

    private Builder(MqttMessage message) {
      this.topic = message.topic;
      this.payload = message.payload;
      this.qos = message.qos;
      this.retain = message.retain;
      this.payloadUtf8 = message.payloadUtf8;
      this.messageExpiryInterval = message.messageExpiryInterval;
      this.contentType = message.contentType;
      this.responseTopic = message.responseTopic;
      this.correlationData = message.correlationData;
      this.userProperties = message.userProperties;
    }

    /**
     * Sets the topic name.
     *
     * @throws IllegalArgumentException if it is not a valid MQTT topic name
     */
    public Builder topic(String topic) {
      this.topic = MessageTopics.requireTopicName(topic);
      return this;
    }

    /** Sets the payload (copied). */
    public Builder payload(byte[] payload) {
      this.payload = payload == null || payload.length == 0 ? EMPTY : payload.clone();
      return this;
    }

    /**
     * Sets the payload without copying it, for the codec, which hands over an array it allocated
     * for this message and never touches again. Not part of the supported API.
     */
    public Builder unsafePayload(byte[] payload) {
      this.payload = payload.length == 0 ? EMPTY : payload;
      return this;
    }

    /** Sets the payload to this text in UTF-8 and marks the payload format as UTF-8. */
    public Builder payload(String text) {
      this.payload = text.getBytes(StandardCharsets.UTF_8);
      this.payloadUtf8 = true;
      return this;
    }

    /** Sets the QoS (default 0). */
    public Builder qos(MqttQos qos) {
      this.qos = Objects.requireNonNull(qos, "qos");
      return this;
    }

    /** Sets the QoS by number (default 0). */
    public Builder qos(int qos) {
      return qos(MqttQos.of(qos));
    }

    /** Sets the retain flag (default false). */
    public Builder retain(boolean retain) {
      this.retain = retain;
      return this;
    }

    /** Sets the MQTT 5 payload format indicator (true: UTF-8 text). */
    public Builder payloadUtf8(boolean payloadUtf8) {
      this.payloadUtf8 = payloadUtf8;
      return this;
    }

    /** Sets the MQTT 5 message expiry interval in seconds (0 to 4,294,967,295). */
    public Builder messageExpiryInterval(long seconds) {
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException(
            "Message expiry interval " + seconds + " out of range 0..4294967295");
      }
      this.messageExpiryInterval = seconds;
      return this;
    }

    /** Clears the MQTT 5 message expiry interval (the message does not expire). */
    public Builder noMessageExpiry() {
      this.messageExpiryInterval = -1;
      return this;
    }

    /** Sets the MQTT 5 content type, or clears it with {@code null}. */
    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    /**
     * Sets the MQTT 5 response topic, or clears it with {@code null}.
     *
     * @throws IllegalArgumentException if it is not a valid topic name
     */
    public Builder responseTopic(String responseTopic) {
      this.responseTopic =
          responseTopic == null ? null : MessageTopics.requireTopicName(responseTopic);
      return this;
    }

    /** Sets the MQTT 5 correlation data (copied), or clears it with {@code null}. */
    public Builder correlationData(byte[] correlationData) {
      this.correlationData = correlationData == null ? null : correlationData.clone();
      return this;
    }

    /**
     * Sets the MQTT 5 correlation data without copying it (see {@link #unsafePayload(byte[])}).
     * Not part of the supported API.
     */
    public Builder unsafeCorrelationData(byte[] correlationData) {
      this.correlationData = correlationData;
      return this;
    }

    /** Replaces the MQTT 5 user properties. */
    public Builder userProperties(List<MqttUserProperty> userProperties) {
      this.userProperties = List.copyOf(userProperties);
      return this;
    }

    /** Adds one MQTT 5 user property. */
    public Builder userProperty(String name, String value) {
      MqttUserProperty property = new MqttUserProperty(name, value);
      if (userProperties.isEmpty()) {
        userProperties = List.of(property);
      } else {
        java.util.ArrayList<MqttUserProperty> list = new java.util.ArrayList<>(userProperties);
        list.add(property);
        userProperties = List.copyOf(list);
      }
      return this;
    }

    /** The immutable message. */
    public MqttMessage build() {
      return new MqttMessage(this);
    }
  }
}
