/**
 * The JUnit 5 extension {@link dev.mqttbridge.test.broker.EmbeddedMqttBroker}: our embedded broker
 * (from {@code mqtt-core}) started for a test class or for each test, with its URI; the in-process
 * counterpart of {@link dev.mqttbridge.test.mosquitto.MosquittoBroker}.
 */
package dev.mqttbridge.test.broker;
