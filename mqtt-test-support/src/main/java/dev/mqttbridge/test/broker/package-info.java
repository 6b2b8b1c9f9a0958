/**
 * Reserved for the JUnit 5 extension that starts our own embedded broker (from {@code mqtt-core}) for a
 * test class, next to {@link dev.mqttbridge.test.mosquitto.MosquittoBroker}. It is written once the
 * embedded broker exists; until then this package holds no classes.
 */
package dev.mqttbridge.test.broker;
