package dev.mqttbridge.mqtt.internal.codec;

import static dev.mqttbridge.mqtt.internal.codec.PropertyCodec.*;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectProperties;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * DISCONNECT (3.1.1 section 3.14, 5.0 section 3.14). Empty in 3.x; in MQTT 5 a reason code and
 * properties, both of which may be left out.
 */
final class DisconnectCodec {

  private static final String PACKET = "DISCONNECT";

  private DisconnectCodec() {}

  /**
   * Decodes the variable header. In 3.x there is none: the decoder reports any byte left unread.
   *
   * @param fromServer whether the server sent it (we are the client)
   */
  static DisconnectPacket decode(ByteBuf in, MqttVersion version, boolean fromServer) {
    // Remaining length 0 means Normal disconnection; 1, a reason code without properties
    // (section 3.14.2.1).
    if (!version.isMqtt5() || !in.isReadable()) {
      return DisconnectPacket.NORMAL;
    }
    MqttReasonCode reasonCode =
        ReasonCodes.require(in.readUnsignedByte(), ReasonCodes.DISCONNECT, PACKET);
    if (!in.isReadable()) {
      return DisconnectPacket.of(reasonCode);
    }
    long sessionExpiryInterval = -1;
    String reasonString = null;
    List<MqttUserProperty> userProperties = null;
    String serverReference = null;
    int restore = begin(in, PACKET);
    long seen = 0;
    while (in.isReadable()) {
      int id = readId(in);
      switch (id) {
        case SESSION_EXPIRY_INTERVAL:
          if (fromServer) {
            throw MqttDecodeException.protocolError(
                "The server must not send a Session Expiry Interval in DISCONNECT"
                    + " [MQTT-3.14.2-2]");
          }
          seen = once(seen, id, PACKET);
          sessionExpiryInterval = readFourByte(in, id);
          break;
        case REASON_STRING:
          seen = once(seen, id, PACKET);
          reasonString = readString(in, id);
          break;
        case USER_PROPERTY:
          userProperties = readUserProperty(in, userProperties);
          break;
        case SERVER_REFERENCE:
          seen = once(seen, id, PACKET);
          serverReference = readString(in, id);
          break;
        default:
          throw notAllowed(id, PACKET);
      }
    }
    end(in, restore);
    return new DisconnectPacket(reasonCode, new DisconnectProperties(sessionExpiryInterval,
        reasonString, PropertyCodec.userProperties(userProperties), serverReference));
  }

  /** The remaining length in the low 32 bits, the property length in the high 32 bits. */
  static long measure(DisconnectPacket packet, MqttVersion version) {
    if (!version.isMqtt5()) {
      return 0;
    }
    ReasonCodes.requireAllowed(packet.reasonCode(), ReasonCodes.DISCONNECT, PACKET);
    DisconnectProperties p = packet.properties();
    if (p.isEmpty()) {
      return packet.reasonCode() == MqttReasonCode.SUCCESS ? 0 : 1;
    }
    int length = 0;
    if (p.sessionExpiryInterval() >= 0) {
      requireFourByte(p.sessionExpiryInterval(), SESSION_EXPIRY_INTERVAL);
      length += FOUR_BYTE_PROPERTY_SIZE;
    }
    length += reasonSize(p.reasonString(), p.userProperties());
    length += stringSize(p.serverReference(), SERVER_REFERENCE);
    return ((long) length << 32) | (1 + sectionSize(length));
  }

  static void write(DisconnectPacket packet, MqttVersion version, long measured, ByteBuf out) {
    int remainingLength = (int) measured;
    if (!version.isMqtt5() || remainingLength == 0) {
      return;
    }
    out.writeByte(packet.reasonCode().value());
    if (remainingLength == 1) {
      return;
    }
    DisconnectProperties p = packet.properties();
    VariableByteInteger.write(out, (int) (measured >>> 32));
    if (p.sessionExpiryInterval() >= 0) {
      writeFourByte(out, SESSION_EXPIRY_INTERVAL, p.sessionExpiryInterval());
    }
    writeReason(out, p.reasonString(), p.userProperties());
    writeString(out, SERVER_REFERENCE, p.serverReference());
  }
}
