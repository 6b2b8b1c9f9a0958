package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttReasonCode;
import io.netty.channel.Channel;

/** What the connect handler tells the client about one connection; called on the event loop. */
interface ConnectionListener {

  /** CONNACK accepted; the pipeline's handlers have already seen {@code settings}. */
  void connected(Channel channel, ConnectionSettings settings);

  /**
   * The connection is closed.
   *
   * @param cause why, or null for an orderly close
   * @param serverReason the reason code of the server's DISCONNECT, or null if it sent none
   * @param wasConnected whether CONNACK had been accepted
   */
  void closed(Channel channel, Throwable cause, MqttReasonCode serverReason, boolean wasConnected);
}
