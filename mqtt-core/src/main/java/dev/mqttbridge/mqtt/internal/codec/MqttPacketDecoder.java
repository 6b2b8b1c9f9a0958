package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacketType;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Decodes MQTT 3.1, 3.1.1 and 5.0 control packets from a byte stream, one packet per call.
 *
 * <p>It owns the fixed header: the packet type and its reserved flags, the remaining length, and
 * the Maximum Packet Size, checked on the whole packet as soon as the remaining length is known,
 * before the body is waited for. The body goes to the codec of the packet type. Everything a
 * packet keeps is copied out of the buffer, so packets hold no reference-counted memory.
 *
 * <p>One decoder per connection, used on its event loop: it is not thread-safe. A server-side
 * decoder expects CONNECT first and takes the protocol version from it; a client-side one is told
 * the version. It also resolves the topic aliases the peer sets (MQTT 5), so every decoded
 * PUBLISH carries its real topic name.
 */
public final class MqttPacketDecoder {

  /** The default and largest Maximum Packet Size: 16 MiB. */
  public static final int DEFAULT_MAXIMUM_PACKET_SIZE = 16 * 1024 * 1024;

  /** The smallest packet (PINGREQ) is two bytes. */
  private static final int MINIMUM_PACKET_SIZE = 2;

  private final boolean server;
  private final InboundTopicAliases topicAliases = new InboundTopicAliases();
  private MqttVersion version;
  private boolean connected;
  private int maximumPacketSize;

  private MqttPacketDecoder(boolean server, MqttVersion version, int maximumPacketSize) {
    this.server = server;
    this.version = version;
    maximumPacketSize(maximumPacketSize);
  }

  /**
   * A decoder for the packets a client sends a server. The first must be CONNECT [MQTT-3.1.0-1],
   * whose protocol name and level set {@link #version()}.
   *
   * @param maximumPacketSize the largest packet accepted, 2 bytes to 16 MiB
   */
  public static MqttPacketDecoder forServer(int maximumPacketSize) {
    return new MqttPacketDecoder(true, null, maximumPacketSize);
  }

  /**
   * A decoder for the packets a server sends a client.
   *
   * @param version the version the client connects with
   * @param maximumPacketSize the largest packet accepted, 2 bytes to 16 MiB
   */
  public static MqttPacketDecoder forClient(MqttVersion version, int maximumPacketSize) {
    return new MqttPacketDecoder(false, Objects.requireNonNull(version, "version"),
        maximumPacketSize);
  }

  /**
   * Decodes the next packet.
   *
   * @param in the received bytes; on success its reader index moves past the packet. Never
   *     retained; its writer index is moved only during the call and restored before returning
   * @return the packet, or {@code null} when {@code in} does not yet hold a whole packet (the
   *     reader index is then untouched)
   * @throws MqttDecodeException when the bytes break the protocol; the connection cannot go on
   */
  public MqttPacket decode(ByteBuf in) {
    int start = in.readerIndex();
    int limit = in.writerIndex();
    if (start >= limit) {
      return null;
    }
    int firstByte = in.getUnsignedByte(start);
    MqttPacketType type = checkFixedHeader(firstByte);
    long header = VariableByteInteger.peek(in, start + 1, limit, "Remaining length");
    if (header == VariableByteInteger.INCOMPLETE) {
      return null;
    }
    int remainingLength = (int) header;
    int headerLength = 1 + (int) (header >>> 32);
    int packetSize = headerLength + remainingLength;
    if (packetSize > maximumPacketSize) {
      // Refused before the body arrives, so a peer cannot make us buffer it (section 3.1.2.11.4).
      throw new MqttDecodeException(MqttReasonCode.PACKET_TOO_LARGE, type + " of " + packetSize
          + " bytes exceeds the maximum packet size of " + maximumPacketSize + " bytes");
    }
    if (limit - start < packetSize) {
      return null;
    }
    int end = start + packetSize;
    in.readerIndex(start + headerLength);
    in.writerIndex(end); // the codecs see exactly this packet's bytes as readable
    try {
      MqttPacket packet = decodeBody(in, type, firstByte & 0x0F);
      if (in.isReadable()) {
        throw MqttDecodeException.malformed(type + " remaining length " + remainingLength
            + " is " + in.readableBytes() + " bytes longer than its content");
      }
      if (type == MqttPacketType.CONNECT) {
        connected = true;
      }
      return packet;
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      // Not expected (every read is length-checked, every value checked before it reaches a
      // record), but a peer's bytes must never surface as anything but a decode error.
      throw new MqttDecodeException(
          MqttReasonCode.MALFORMED_PACKET, type + ": " + e.getMessage(), e);
    } finally {
      in.writerIndex(limit);
    }
  }

  /** Checks the first byte of the fixed header: type, direction, order, reserved flags. */
  private MqttPacketType checkFixedHeader(int firstByte) {
    MqttPacketType type = MqttPacketType.fromValue(firstByte >>> 4);
    if (type == null) {
      throw MqttDecodeException.malformed("Reserved packet type 0");
    }
    if (server && !connected) {
      if (type != MqttPacketType.CONNECT) {
        throw MqttDecodeException.protocolError(
            "The first packet must be CONNECT, not " + type + " [MQTT-3.1.0-1]");
      }
    } else if (type == MqttPacketType.CONNECT) {
      throw MqttDecodeException.protocolError(server
          ? "A second CONNECT [MQTT-3.1.0-2]"
          : "A server does not send CONNECT");
    }
    if (type == MqttPacketType.AUTH && !version.isMqtt5()) {
      throw MqttDecodeException.malformed("Packet type 15 is reserved in MQTT " + version);
    }
    if (server ? isServerToClientOnly(type) : isClientToServerOnly(type)) {
      throw MqttDecodeException.protocolError(
          (server ? "A client does not send " : "A server does not send ") + type);
    }
    int flags = firstByte & 0x0F;
    int expected = requiredFlags(type);
    if (expected >= 0 && flags != expected) {
      throw MqttDecodeException.malformed(String.format(
          "%s fixed header flags must be 0x%X, not 0x%X [MQTT-2.2.2-1] [MQTT-2.2.2-2]",
          type, expected, flags));
    }
    return type;
  }

  private static boolean isServerToClientOnly(MqttPacketType type) {
    return type == MqttPacketType.CONNACK || type == MqttPacketType.SUBACK
        || type == MqttPacketType.UNSUBACK || type == MqttPacketType.PINGRESP;
  }

  private static boolean isClientToServerOnly(MqttPacketType type) {
    return type == MqttPacketType.SUBSCRIBE || type == MqttPacketType.UNSUBSCRIBE
        || type == MqttPacketType.PINGREQ;
  }

  /** The flags a type must have (table 2.2 of both specifications), or -1 for PUBLISH. */
  private static int requiredFlags(MqttPacketType type) {
    switch (type) {
      case PUBLISH:
        return -1;
      case PUBREL:
      case SUBSCRIBE:
      case UNSUBSCRIBE:
        return 0x02;
      default:
        return 0;
    }
  }

  private MqttPacket decodeBody(ByteBuf in, MqttPacketType type, int flags) {
    switch (type) {
      case CONNECT:
        return decodeConnect(in);
      case CONNACK:
        return ConnackCodec.decode(in, version);
      case PUBLISH:
        return PublishCodec.decode(in, flags, version, !server, topicAliases);
      case PUBACK:
      case PUBREC:
      case PUBREL:
      case PUBCOMP:
        return PublishAckCodec.decode(in, type, version);
      case SUBSCRIBE:
        return SubscribeCodec.decodeSubscribe(in, version);
      case SUBACK:
        return SubackCodec.decodeSuback(in, version);
      case UNSUBSCRIBE:
        return SubscribeCodec.decodeUnsubscribe(in, version);
      case UNSUBACK:
        return SubackCodec.decodeUnsuback(in, version);
      case PINGREQ:
        return PingreqPacket.INSTANCE;
      case PINGRESP:
        return PingrespPacket.INSTANCE;
      case DISCONNECT:
        return DisconnectCodec.decode(in, version, !server);
      case AUTH:
        return AuthCodec.decode(in);
      default:
        throw new IllegalStateException("Unhandled packet type " + type);
    }
  }

  private ConnectPacket decodeConnect(ByteBuf in) {
    // The version is kept even if the rest of the CONNECT is broken, so that the server can
    // answer with a CONNACK the client understands.
    version = ConnectCodec.decodeProtocol(in);
    return ConnectCodec.decodeRest(in, version);
  }

  /**
   * The protocol version: given to a client-side decoder; on a server-side one, {@code null}
   * until a CONNECT's protocol name and level were read (set even when the rest of that CONNECT
   * then proved broken, so the server knows which CONNACK format to answer with).
   */
  public MqttVersion version() {
    return version;
  }

  /**
   * Sets the highest inbound topic alias accepted: the Topic Alias Maximum we sent in CONNECT (as
   * a client) or CONNACK (as a server). 0, the default, accepts none.
   *
   * @param maximum 0 to 65,535
   */
  public void topicAliasMaximum(int maximum) {
    topicAliases.maximum(maximum);
  }

  /** The highest inbound topic alias accepted. */
  public int topicAliasMaximum() {
    return topicAliases.maximum();
  }

  /**
   * Sets the largest packet accepted, fixed header included: the Maximum Packet Size we sent the
   * peer.
   *
   * @param bytes 2 bytes to {@link #DEFAULT_MAXIMUM_PACKET_SIZE} (16 MiB)
   */
  public void maximumPacketSize(int bytes) {
    if (bytes < MINIMUM_PACKET_SIZE || bytes > DEFAULT_MAXIMUM_PACKET_SIZE) {
      throw new IllegalArgumentException("Maximum packet size out of range "
          + MINIMUM_PACKET_SIZE + ".." + DEFAULT_MAXIMUM_PACKET_SIZE + ": " + bytes);
    }
    this.maximumPacketSize = bytes;
  }

  /** The largest packet accepted, in bytes. */
  public int maximumPacketSize() {
    return maximumPacketSize;
  }
}
