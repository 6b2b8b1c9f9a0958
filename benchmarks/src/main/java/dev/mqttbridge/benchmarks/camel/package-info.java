/**
 * Consumer throughput of {@code from("mqtt:...")} (camel-component-mqtt, Camel 4.22) against
 * {@code from("paho-mqtt5:...")} (camel-paho-mqtt5 4.17.0), issue 9: {@link
 * dev.mqttbridge.benchmarks.camel.CamelConsumerBenchmark} (method and command there). A benchmark
 * run by hand, not a timed test.
 *
 * <p>The two components need different Camel versions and so separate class paths: each side is
 * {@link dev.mqttbridge.benchmarks.camel.CamelConsumerSide} in a JVM of its own, on this module's
 * dependency class path (ours, written by the build to {@code target/camel-classpath.txt}) or on
 * one Maven resolves for camel-paho-mqtt5. Camel stays out of the shaded benchmarks jar.
 */
package dev.mqttbridge.benchmarks.camel;
