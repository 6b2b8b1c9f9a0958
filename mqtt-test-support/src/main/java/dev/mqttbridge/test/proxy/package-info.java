/**
 * {@link dev.mqttbridge.test.proxy.FaultProxy}: a loopback TCP proxy that tests switch between pass-through,
 * cut, refuse, stall and delay while MQTT traffic flows through it.
 */
package dev.mqttbridge.test.proxy;
