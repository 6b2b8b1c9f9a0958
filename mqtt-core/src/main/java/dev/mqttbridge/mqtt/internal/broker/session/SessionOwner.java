package dev.mqttbridge.mqtt.internal.broker.session;

/** The connection a session is attached to, as far as a newer connection taking it over needs. */
public interface SessionOwner {

  /**
   * A newer connection with the same client identifier arrived: close this one (MQTT 5: after
   * DISCONNECT {@code 0x8E Session taken over} [MQTT-3.1.4-3]) and detach from the session as a
   * connection lost without DISCONNECT would, will included. Called on the session thread.
   */
  void takeOver();
}
