/**
 * The client's implementation; not API.
 *
 * <p>{@link dev.mqttbridge.mqtt.internal.client.NettyMqttClient} owns one event loop thread. Each
 * connection's pipeline holds, from the socket inwards: byte counting, the codec, {@code ping}
 * (keep alive, dead link), {@code connect} (CONNECT/CONNACK/DISCONNECT), {@code incoming-qos}
 * (received PUBLISH, in-order acknowledgements, flow control), {@code subscribe} and
 * {@code outgoing-qos} (the inflight window). The last three are session-scoped: one instance per
 * client, re-added to every new connection, their fields marked session- or connection-scoped.
 * All protocol state is touched on the event loop only, so no locks; application code runs on
 * the callback executor through {@code Callbacks}.
 */
package dev.mqttbridge.mqtt.internal.client;
