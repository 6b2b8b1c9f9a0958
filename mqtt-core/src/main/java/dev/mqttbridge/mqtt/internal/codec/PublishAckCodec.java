package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacketType;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import io.netty.buffer.ByteBuf;
import java.util.Set;

/**
 * The QoS acknowledgements PUBACK, PUBREC, PUBREL and PUBCOMP (sections 3.4 to 3.7): a packet
 * identifier and, in MQTT 5, a reason code and properties, both of which may be left out.
 */
final class PublishAckCodec {

  private PublishAckCodec() {}

  static MqttPacket decode(ByteBuf in, MqttPacketType type, MqttVersion version) {
    int packetId = WireReader.readPacketId(in);
    MqttReasonCode reasonCode = MqttReasonCode.SUCCESS;
    ReasonProperties properties = ReasonProperties.NONE;
    // MQTT 5: remaining length 2 means Success without properties; 3, a reason code without
    // properties (sections 3.4.2.1 and 3.4.2.2.1). In 3.x anything after the packet identifier is
    // left unread, and the decoder reports the remaining length mismatch.
    if (version.isMqtt5() && in.isReadable()) {
      reasonCode = ReasonCodes.require(in.readUnsignedByte(), allowed(type), type.name());
      if (in.isReadable()) {
        properties = PropertyCodec.readReasonProperties(in, type.name());
      }
    }
    switch (type) {
      case PUBACK:
        return new PubackPacket(packetId, reasonCode, properties);
      case PUBREC:
        return new PubrecPacket(packetId, reasonCode, properties);
      case PUBREL:
        return new PubrelPacket(packetId, reasonCode, properties);
      default:
        return new PubcompPacket(packetId, reasonCode, properties);
    }
  }

  private static Set<MqttReasonCode> allowed(MqttPacketType type) {
    return type == MqttPacketType.PUBACK || type == MqttPacketType.PUBREC
        ? ReasonCodes.PUBACK
        : ReasonCodes.PUBREL;
  }

  /** The remaining length in the low 32 bits, the property length in the high 32 bits. */
  static long measure(MqttPacket packet, MqttVersion version) {
    if (!version.isMqtt5()) {
      return 2;
    }
    MqttReasonCode reasonCode = reasonCode(packet);
    ReasonProperties properties = properties(packet);
    ReasonCodes.requireAllowed(reasonCode, allowed(packet.type()), packet.type().name());
    if (properties.isEmpty()) {
      return reasonCode == MqttReasonCode.SUCCESS ? 2 : 3;
    }
    int propertiesLength =
        PropertyCodec.reasonSize(properties.reasonString(), properties.userProperties());
    return ((long) propertiesLength << 32) | (3 + PropertyCodec.sectionSize(propertiesLength));
  }

  static void write(MqttPacket packet, MqttVersion version, long measured, ByteBuf out) {
    out.writeShort(packetId(packet));
    int remainingLength = (int) measured;
    if (version.isMqtt5() && remainingLength > 2) {
      out.writeByte(reasonCode(packet).value());
      if (remainingLength > 3) {
        ReasonProperties properties = properties(packet);
        VariableByteInteger.write(out, (int) (measured >>> 32));
        PropertyCodec.writeReason(out, properties.reasonString(), properties.userProperties());
      }
    }
  }

  private static int packetId(MqttPacket packet) {
    switch (packet.type()) {
      case PUBACK:
        return ((PubackPacket) packet).packetId();
      case PUBREC:
        return ((PubrecPacket) packet).packetId();
      case PUBREL:
        return ((PubrelPacket) packet).packetId();
      default:
        return ((PubcompPacket) packet).packetId();
    }
  }

  private static MqttReasonCode reasonCode(MqttPacket packet) {
    switch (packet.type()) {
      case PUBACK:
        return ((PubackPacket) packet).reasonCode();
      case PUBREC:
        return ((PubrecPacket) packet).reasonCode();
      case PUBREL:
        return ((PubrelPacket) packet).reasonCode();
      default:
        return ((PubcompPacket) packet).reasonCode();
    }
  }

  private static ReasonProperties properties(MqttPacket packet) {
    switch (packet.type()) {
      case PUBACK:
        return ((PubackPacket) packet).properties();
      case PUBREC:
        return ((PubrecPacket) packet).properties();
      case PUBREL:
        return ((PubrelPacket) packet).properties();
      default:
        return ((PubcompPacket) packet).properties();
    }
  }
}
