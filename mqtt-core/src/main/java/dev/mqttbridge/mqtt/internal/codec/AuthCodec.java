package dev.mqttbridge.mqtt.internal.codec;

import static dev.mqttbridge.mqtt.internal.codec.PropertyCodec.*;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.AuthPacket;
import dev.mqttbridge.mqtt.internal.packet.AuthProperties;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** AUTH, MQTT 5 only (section 3.15). */
final class AuthCodec {

  private static final String PACKET = "AUTH";
  private static final AuthPacket SUCCESS = new AuthPacket(MqttReasonCode.SUCCESS, AuthProperties.NONE);

  private AuthCodec() {}

  static AuthPacket decode(ByteBuf in) {
    // Remaining length 0 means Success without properties (section 3.15.2.1).
    if (!in.isReadable()) {
      return SUCCESS;
    }
    MqttReasonCode reasonCode = ReasonCodes.require(in.readUnsignedByte(), ReasonCodes.AUTH, PACKET);
    String authenticationMethod = null;
    byte[] authenticationData = null;
    String reasonString = null;
    List<MqttUserProperty> userProperties = null;
    if (in.isReadable()) {
      int restore = begin(in, PACKET);
      long seen = 0;
      while (in.isReadable()) {
        int id = readId(in);
        switch (id) {
          case AUTHENTICATION_METHOD:
            seen = once(seen, id, PACKET);
            authenticationMethod = readString(in, id);
            break;
          case AUTHENTICATION_DATA:
            seen = once(seen, id, PACKET);
            authenticationData = readBinary(in, id);
            break;
          case REASON_STRING:
            seen = once(seen, id, PACKET);
            reasonString = readString(in, id);
            break;
          case USER_PROPERTY:
            userProperties = readUserProperty(in, userProperties);
            break;
          default:
            throw notAllowed(id, PACKET);
        }
      }
      end(in, restore);
    }
    if (authenticationMethod == null) {
      throw MqttDecodeException.protocolError(
          "AUTH without an Authentication Method (section 3.15.2.2.2)");
    }
    return new AuthPacket(reasonCode, new AuthProperties(authenticationMethod, authenticationData,
        reasonString, PropertyCodec.userProperties(userProperties)));
  }

  /** The remaining length in the low 32 bits, the property length in the high 32 bits. */
  static long measure(AuthPacket packet, MqttVersion version) {
    if (!version.isMqtt5()) {
      throw new IllegalArgumentException("AUTH exists only in MQTT 5, not in " + version);
    }
    ReasonCodes.requireAllowed(packet.reasonCode(), ReasonCodes.AUTH, PACKET);
    AuthProperties p = packet.properties();
    int length = stringSize(p.authenticationMethod(), AUTHENTICATION_METHOD)
        + binarySize(p.authenticationData(), AUTHENTICATION_DATA)
        + reasonSize(p.reasonString(), p.userProperties());
    if (length == 0 && packet.reasonCode() == MqttReasonCode.SUCCESS) {
      return 0;
    }
    return ((long) length << 32) | (1 + sectionSize(length));
  }

  static void write(AuthPacket packet, long measured, ByteBuf out) {
    if ((int) measured == 0) {
      return;
    }
    AuthProperties p = packet.properties();
    out.writeByte(packet.reasonCode().value());
    VariableByteInteger.write(out, (int) (measured >>> 32));
    writeString(out, AUTHENTICATION_METHOD, p.authenticationMethod());
    writeBinary(out, AUTHENTICATION_DATA, p.authenticationData());
    writeReason(out, p.reasonString(), p.userProperties());
  }
}
