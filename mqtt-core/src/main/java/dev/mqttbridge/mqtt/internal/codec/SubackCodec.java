package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubackPacket;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SUBACK and UNSUBACK (sections 3.9 and 3.11): a packet identifier and one reason code per topic
 * filter. An MQTT 3.x UNSUBACK has no reason codes.
 */
final class SubackCodec {

  private static final String SUBACK = "SUBACK";
  private static final String UNSUBACK = "UNSUBACK";

  private SubackCodec() {}

  static SubackPacket decodeSuback(ByteBuf in, MqttVersion version) {
    int packetId = WireReader.readPacketId(in);
    ReasonProperties properties = ReasonProperties.NONE;
    if (version.isMqtt5()) {
      properties = PropertyCodec.readReasonProperties(in, SUBACK);
    }
    List<MqttReasonCode> reasonCodes = new ArrayList<>(Math.max(in.readableBytes(), 1));
    while (in.isReadable()) {
      int value = in.readUnsignedByte();
      reasonCodes.add(version.isMqtt5()
          ? ReasonCodes.require(value, ReasonCodes.SUBACK, SUBACK)
          : ReasonCodes.fromSubackReturnCode(value));
    }
    requireSome(reasonCodes, SUBACK);
    return new SubackPacket(packetId, reasonCodes, properties);
  }

  static UnsubackPacket decodeUnsuback(ByteBuf in, MqttVersion version) {
    int packetId = WireReader.readPacketId(in);
    if (!version.isMqtt5()) {
      return new UnsubackPacket(packetId, List.of(), ReasonProperties.NONE);
    }
    ReasonProperties properties = PropertyCodec.readReasonProperties(in, UNSUBACK);
    List<MqttReasonCode> reasonCodes = new ArrayList<>(Math.max(in.readableBytes(), 1));
    while (in.isReadable()) {
      reasonCodes.add(ReasonCodes.require(in.readUnsignedByte(), ReasonCodes.UNSUBACK, UNSUBACK));
    }
    requireSome(reasonCodes, UNSUBACK);
    return new UnsubackPacket(packetId, reasonCodes, properties);
  }

  /** One reason code per topic filter, and a (UN)SUBSCRIBE has at least one filter. */
  private static void requireSome(List<MqttReasonCode> reasonCodes, String packet) {
    if (reasonCodes.isEmpty()) {
      throw MqttDecodeException.protocolError(packet + " has no reason code");
    }
  }

  /** The remaining length in the low 32 bits, the property length in the high 32 bits. */
  static long measureSuback(SubackPacket packet, MqttVersion version) {
    requireAllowed(packet.reasonCodes(), ReasonCodes.SUBACK, SUBACK);
    return measure(packet.reasonCodes(), packet.properties(), version, true);
  }

  static void writeSuback(SubackPacket packet, MqttVersion version, long measured, ByteBuf out) {
    out.writeShort(packet.packetId());
    List<MqttReasonCode> reasonCodes = packet.reasonCodes();
    if (version.isMqtt5()) {
      writeProperties(packet.properties(), measured, out);
      writeCodes(reasonCodes, out);
    } else {
      for (int i = 0; i < reasonCodes.size(); i++) {
        out.writeByte(ReasonCodes.toSubackReturnCode(reasonCodes.get(i)));
      }
    }
  }

  static long measureUnsuback(UnsubackPacket packet, MqttVersion version) {
    if (version.isMqtt5()) {
      requireAllowed(packet.reasonCodes(), ReasonCodes.UNSUBACK, UNSUBACK);
    }
    return measure(packet.reasonCodes(), packet.properties(), version, false);
  }

  /** Checked while measuring, so that writing cannot fail once the buffer is allocated. */
  private static void requireAllowed(
      List<MqttReasonCode> reasonCodes, Set<MqttReasonCode> allowed, String packet) {
    for (int i = 0; i < reasonCodes.size(); i++) {
      ReasonCodes.requireAllowed(reasonCodes.get(i), allowed, packet);
    }
  }

  static void writeUnsuback(UnsubackPacket packet, MqttVersion version, long measured,
      ByteBuf out) {
    out.writeShort(packet.packetId());
    if (version.isMqtt5()) {
      writeProperties(packet.properties(), measured, out);
      writeCodes(packet.reasonCodes(), out);
    }
  }

  private static long measure(List<MqttReasonCode> reasonCodes, ReasonProperties properties,
      MqttVersion version, boolean codesInVersion3) {
    if (!version.isMqtt5()) {
      return 2 + (codesInVersion3 ? reasonCodes.size() : 0);
    }
    int propertiesLength =
        PropertyCodec.reasonSize(properties.reasonString(), properties.userProperties());
    int size = 2 + PropertyCodec.sectionSize(propertiesLength) + reasonCodes.size();
    return ((long) propertiesLength << 32) | size;
  }

  private static void writeProperties(ReasonProperties properties, long measured, ByteBuf out) {
    VariableByteInteger.write(out, (int) (measured >>> 32));
    PropertyCodec.writeReason(out, properties.reasonString(), properties.userProperties());
  }

  private static void writeCodes(List<MqttReasonCode> reasonCodes, ByteBuf out) {
    for (int i = 0; i < reasonCodes.size(); i++) {
      out.writeByte(reasonCodes.get(i).value());
    }
  }
}
