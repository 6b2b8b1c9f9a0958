/**
 * The embeddable MQTT broker: {@link dev.mqttbridge.mqtt.broker.MqttBroker} and its security
 * hooks.
 *
 * <h2>Behaviour worth knowing</h2>
 *
 * <ul>
 *   <li><b>Overlapping subscriptions.</b> When several subscriptions of one client match a topic,
 *       the client receives one copy with the highest granted QoS among them and the subscription
 *       identifiers of all of them (MQTT 5, section 3.3.4). A shared subscription is counted
 *       apart from the client's other subscriptions.
 *   <li><b>Shared subscriptions</b> {@code $share/{group}/{filter}}: each message goes to one
 *       member, round-robin among the connected members. When none is connected it goes, still in
 *       turn, to an offline member's session queue (bounded by {@code maxQueuedMessages}, dropped
 *       by the {@link dev.mqttbridge.mqtt.broker.OfflineQueuePolicy} beyond). When a member's
 *       session ends (clean disconnect with session expiry 0, expiry, or a clean start), the
 *       messages it had not acknowledged and those in its queue are sent to another member.
 *   <li><b>QoS 0 while offline</b> is not queued. QoS 1 and 2 are, up to {@code
 *       maxQueuedMessages} per session.
 *   <li><b>Wills</b> follow MQTT 5 section 3.1.2.5: published after an abnormal end or a
 *       DISCONNECT with reason {@code 0x04}, after the Will Delay Interval or when the session ends,
 *       whichever is first; a reconnect in between cancels it.
 *   <li><b>Limits</b> (builder methods, defaults in brackets): {@code maximumPacketSize} [16 MiB],
 *       {@code maxConnections} [10,000], {@code connectTimeout} [10 s], {@code receiveMaximum}
 *       (inflight per client, both ways) [1,000], {@code maxQueuedMessages} per session [10,000],
 *       {@code outboundBufferLimit} per client [1 MiB]. A client that stops reading, or sends
 *       faster than its session thread handles, is no longer read until it catches up; QoS 0
 *       messages it cannot take are dropped and counted. Messages waiting for a session's
 *       thread are bounded by its queue plus its Receive Maximum: beyond that QoS 0 is dropped
 *       and counted, and QoS 1 and 2 publishers are no longer read until it has caught up.
 *   <li><b>Observability:</b> {@link dev.mqttbridge.mqtt.broker.MqttBroker#metrics()} at any
 *       time; {@code $SYS/broker/...} retained topics when {@code systemTopicsInterval} is set
 *       (off by default).
 *   <li><b>Listeners:</b> several at once: plain TCP, TLS ({@link
 *       dev.mqttbridge.mqtt.broker.MqttListener#tls}: PEM or key store, optional or required
 *       client certificates whose subject reaches the {@link
 *       dev.mqttbridge.mqtt.broker.Authenticator}), WebSocket and secure WebSocket ({@link
 *       dev.mqttbridge.mqtt.broker.MqttListener#webSocket}, {@link
 *       dev.mqttbridge.mqtt.broker.MqttListener#secureWebSocket}: path {@code /mqtt},
 *       subprotocol {@code mqtt}; other upgrade requests get an HTTP error).
 * </ul>
 */
package dev.mqttbridge.mqtt.broker;
