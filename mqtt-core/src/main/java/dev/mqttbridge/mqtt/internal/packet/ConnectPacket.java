package dev.mqttbridge.mqtt.internal.packet;

import dev.mqttbridge.mqtt.MqttVersion;
import java.util.Arrays;
import java.util.Objects;

/**
 * CONNECT.
 *
 * @param version the protocol version the client speaks
 * @param clientId the client identifier; empty asks the server to assign one
 * @param cleanStart clean start (5.0) or clean session (3.1.1, 3.1)
 * @param keepAlive keep alive in seconds, 0 to 65,535 (0: off)
 * @param username the user name, or {@code null}
 * @param password the password bytes, or {@code null}
 * @param will the will, or {@code null}
 * @param properties MQTT 5 properties ({@link ConnectProperties#DEFAULTS} for 3.x)
 */
public record ConnectPacket(
    MqttVersion version,
    String clientId,
    boolean cleanStart,
    int keepAlive,
    String username,
    byte[] password,
    WillMessage will,
    ConnectProperties properties)
    implements MqttPacket {

  public ConnectPacket {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(properties, "properties");
    if (keepAlive < 0 || keepAlive > 65_535) {
      throw new IllegalArgumentException("Keep alive out of range 0..65535: " + keepAlive);
    }
  }

  @Override
  public MqttPacketType type() {
    return MqttPacketType.CONNECT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectPacket that
        && version == that.version
        && clientId.equals(that.clientId)
        && cleanStart == that.cleanStart
        && keepAlive == that.keepAlive
        && Objects.equals(username, that.username)
        && Arrays.equals(password, that.password)
        && Objects.equals(will, that.will)
        && properties.equals(that.properties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, clientId, cleanStart, keepAlive, username, will, properties) * 31
        + Arrays.hashCode(password);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "ConnectPacket[version=" + version + ", clientId=" + clientId + ", cleanStart="
        + cleanStart + ", keepAlive=" + keepAlive + ", username=" + username + ", password="
        + (password == null ? "null" : "***") + ", will=" + will + ", properties=" + properties
        + "]";
  }
}
