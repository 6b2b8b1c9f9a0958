package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.AuthPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubackPacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubscribePacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;

/**
 * Encodes MQTT control packets for one protocol version. It measures a packet first and allocates
 * one buffer of exactly its size. Under MQTT 3.1.1 and 3.1 the MQTT 5 fields (reason codes of
 * acknowledgements, properties) are left out; AUTH cannot be encoded.
 *
 * <p>Immutable and thread-safe; {@link #of(MqttVersion)} shares one per version.
 */
public final class MqttPacketEncoder {

  private static final MqttPacketEncoder V3_1 = new MqttPacketEncoder(MqttVersion.V3_1);
  private static final MqttPacketEncoder V3_1_1 = new MqttPacketEncoder(MqttVersion.V3_1_1);
  private static final MqttPacketEncoder V5 = new MqttPacketEncoder(MqttVersion.V5);

  /** The largest packet the protocol can frame: a 4-byte remaining length [MQTT-2.2.3]. */
  private static final int MAX_REMAINING_LENGTH = VariableByteInteger.MAX_VALUE;

  private final MqttVersion version;

  /**
   * Creates an encoder.
   *
   * @param version the version to encode
   */
  public MqttPacketEncoder(MqttVersion version) {
    this.version = Objects.requireNonNull(version, "version");
  }

  /** The shared encoder of a version. */
  public static MqttPacketEncoder of(MqttVersion version) {
    switch (version) {
      case V3_1:
        return V3_1;
      case V3_1_1:
        return V3_1_1;
      default:
        return V5;
    }
  }

  /** The version this encoder writes. */
  public MqttVersion version() {
    return version;
  }

  /**
   * Encodes a packet into one buffer of exactly its size.
   *
   * @return a buffer the caller owns (and releases, or writes to a channel)
   * @throws IllegalArgumentException when the packet cannot be encoded: a string over 65,535
   *     bytes, a value out of its range, a reason code the packet type does not allow, AUTH
   *     before MQTT 5, or a packet over the protocol's limit
   */
  public ByteBuf encode(MqttPacket packet, ByteBufAllocator allocator) {
    return encode(packet, allocator, Long.MAX_VALUE);
  }

  /**
   * Encodes a packet unless it is larger than the peer accepts, measuring it only once.
   *
   * @throws MqttPacketTooLargeException when it is larger than {@code maximumPacketSize}
   */
  ByteBuf encode(MqttPacket packet, ByteBufAllocator allocator, long maximumPacketSize) {
    long measured = measure(packet);
    int size = packetSize(packet, measured);
    if (size > maximumPacketSize) {
      throw new MqttPacketTooLargeException(packet.type(), size, maximumPacketSize);
    }
    ByteBuf out = allocator.ioBuffer(size, size);
    try {
      out.writeByte(firstByte(packet));
      VariableByteInteger.write(out, (int) measured);
      write(packet, measured, out);
      if (out.writerIndex() != size) {
        throw new IllegalStateException(packet.type() + " measured " + size + " bytes but wrote "
            + out.writerIndex());
      }
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /**
   * The encoded size of a packet in bytes, fixed header included: what to check against the
   * peer's Maximum Packet Size.
   *
   * @throws IllegalArgumentException as {@link #encode}
   */
  public int encodedSize(MqttPacket packet) {
    return packetSize(packet, measure(packet));
  }

  private static int packetSize(MqttPacket packet, long measured) {
    int remainingLength = (int) measured;
    if (remainingLength < 0 || remainingLength > MAX_REMAINING_LENGTH) { // < 0: int overflow
      throw new IllegalArgumentException(packet.type() + " remaining length "
          + Integer.toUnsignedString(remainingLength) + " exceeds the protocol's maximum of "
          + MAX_REMAINING_LENGTH);
    }
    return 1 + VariableByteInteger.size(remainingLength) + remainingLength;
  }

  private static int firstByte(MqttPacket packet) {
    switch (packet.type()) {
      case PUBLISH:
        return PublishCodec.firstByte((PublishPacket) packet);
      case PUBREL:
      case SUBSCRIBE:
      case UNSUBSCRIBE:
        return packet.type().value() << 4 | 0x02; // [MQTT-3.6.1-1] [MQTT-3.8.1-1] [MQTT-3.10.1-1]
      default:
        return packet.type().value() << 4;
    }
  }

  /** The remaining length in the low 32 bits, the (first) property length in the high 32. */
  private long measure(MqttPacket packet) {
    switch (packet.type()) {
      case CONNECT:
        return ConnectCodec.measure((ConnectPacket) packet, version);
      case CONNACK:
        return ConnackCodec.measure((ConnackPacket) packet, version);
      case PUBLISH:
        return PublishCodec.measure((PublishPacket) packet, version);
      case PUBACK:
      case PUBREC:
      case PUBREL:
      case PUBCOMP:
        return PublishAckCodec.measure(packet, version);
      case SUBSCRIBE:
        return SubscribeCodec.measureSubscribe((SubscribePacket) packet, version);
      case SUBACK:
        return SubackCodec.measureSuback((SubackPacket) packet, version);
      case UNSUBSCRIBE:
        return SubscribeCodec.measureUnsubscribe((UnsubscribePacket) packet, version);
      case UNSUBACK:
        return SubackCodec.measureUnsuback((UnsubackPacket) packet, version);
      case PINGREQ:
      case PINGRESP:
        return 0;
      case DISCONNECT:
        return DisconnectCodec.measure((DisconnectPacket) packet, version);
      case AUTH:
        return AuthCodec.measure((AuthPacket) packet, version);
      default:
        throw new IllegalStateException("Unhandled packet type " + packet.type());
    }
  }

  private void write(MqttPacket packet, long measured, ByteBuf out) {
    switch (packet.type()) {
      case CONNECT:
        ConnectCodec.write((ConnectPacket) packet, version, measured, out);
        break;
      case CONNACK:
        ConnackCodec.write((ConnackPacket) packet, version, measured, out);
        break;
      case PUBLISH:
        PublishCodec.write((PublishPacket) packet, version, measured, out);
        break;
      case PUBACK:
      case PUBREC:
      case PUBREL:
      case PUBCOMP:
        PublishAckCodec.write(packet, version, measured, out);
        break;
      case SUBSCRIBE:
        SubscribeCodec.writeSubscribe((SubscribePacket) packet, version, measured, out);
        break;
      case SUBACK:
        SubackCodec.writeSuback((SubackPacket) packet, version, measured, out);
        break;
      case UNSUBSCRIBE:
        SubscribeCodec.writeUnsubscribe((UnsubscribePacket) packet, version, measured, out);
        break;
      case UNSUBACK:
        SubackCodec.writeUnsuback((UnsubackPacket) packet, version, measured, out);
        break;
      case DISCONNECT:
        DisconnectCodec.write((DisconnectPacket) packet, version, measured, out);
        break;
      case AUTH:
        AuthCodec.write((AuthPacket) packet, measured, out);
        break;
      default:
        break; // PINGREQ and PINGRESP have no body
    }
  }

  @Override
  public String toString() {
    return "MqttPacketEncoder[" + version + "]";
  }
}
