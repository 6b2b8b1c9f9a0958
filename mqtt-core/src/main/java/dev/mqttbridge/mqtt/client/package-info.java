/**
 * The asynchronous MQTT 5 / 3.1.1 / 3.1 client.
 *
 * <p>Create a client with {@link dev.mqttbridge.mqtt.client.MqttClient#builder()}, then
 * {@code connect()}, {@code publish(...)} and {@code subscribe(...)}; every operation returns a
 * {@link java.util.concurrent.CompletableFuture}. Protocol state lives on one Netty event loop per
 * client; futures complete and message handlers run on the callback executor, never on that event
 * loop, so a slow handler cannot stop keep alive or acknowledgements.
 */
package dev.mqttbridge.mqtt.client;
