/**
 * A real Mosquitto broker for tests: {@link dev.mqttbridge.test.mosquitto.MosquittoBroker} starts one on free
 * loopback ports from a {@link dev.mqttbridge.test.mosquitto.MosquittoConfig}, and
 * {@link dev.mqttbridge.test.mosquitto.MosquittoClients} drives any MQTT server with {@code mosquitto_pub}
 * and {@code mosquitto_sub}.
 *
 * <p>Mosquitto must be installed ({@code sudo apt-get install -y mosquitto mosquitto-clients}); without it
 * these classes throw an {@link java.lang.IllegalStateException} naming that command, so tests fail rather
 * than skip.
 */
package dev.mqttbridge.test.mosquitto;
