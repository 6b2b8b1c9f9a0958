/**
 * The asynchronous MQTT 5 / 3.1.1 / 3.1 client.
 *
 * <p>Create a client with {@link dev.mqttbridge.mqtt.client.MqttClient#builder()}, then
 * {@code connect()}, {@code publish(...)} and {@code subscribe(...)}; every operation returns a
 * {@link java.util.concurrent.CompletableFuture}. Protocol state lives on one Netty event loop per
 * client; message handlers run on the callback executor, and futures complete on a completion
 * thread of the client's, never on that event loop, so a slow handler cannot stop keep alive or
 * acknowledgements, and a handler may wait for a future.
 *
 * <p>Choices with their defaults: backpressure, {@code publish} fails fast with {@link
 * dev.mqttbridge.mqtt.client.MqttQueueFullException} when the queue is full, {@code
 * publishWhenRoom} waits (up to {@link
 * dev.mqttbridge.mqtt.client.MqttClientBuilder#maximumWaitingPublishes}, 10000); the first {@code
 * connect} fails fast, {@link
 * dev.mqttbridge.mqtt.client.MqttClientBuilder#retryFirstConnect} retries it; after a lost
 * connection the client reconnects ({@link dev.mqttbridge.mqtt.client.MqttReconnectPolicy#DEFAULT})
 * and a {@link dev.mqttbridge.mqtt.client.MqttConnectionListener} hears about it; with reconnect
 * off, subscribes and unsubscribes the server had not answered fail with {@link
 * dev.mqttbridge.mqtt.client.MqttConnectionLostException}.
 */
package dev.mqttbridge.mqtt.client;
