/**
 * Test-scope helpers shared by every integration test: loopback {@link dev.mqttbridge.test.Ports ports},
 * a real {@link dev.mqttbridge.test.mosquitto.MosquittoBroker Mosquitto} launcher and a TCP
 * {@link dev.mqttbridge.test.proxy.FaultProxy fault proxy}.
 */
package dev.mqttbridge.test;
