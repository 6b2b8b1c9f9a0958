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
 *
 * <p><b>Results</b> (2026-11-25, 200,000 messages x 5 runs after 2 warm-ups, the shared 2-core
 * machine at load average 15-30, so the spread is wide): ours median 105,293 msg/s (41,800 to
 * 178,574), camel-paho-mqtt5 48,879 msg/s (36,545 to 62,039): 2.15x; including the route stop
 * 2.22x. Every paho run missed some queued messages (4,601 of 1,000,000 in all, none arriving in
 * 10 s); ours missed none. The goal is 3x.
 *
 * <p><b>Where ours spends its time</b> (JFR execution samples of our side): the client's event
 * loop is the busier thread (232 samples vs 156 on the callback thread); 46% of its samples are
 * the acknowledgement path, one event-loop task per acknowledgement
 * ({@code IncomingQosHandler.acknowledgedByApplication}) and a flush, so one socket write, per
 * PUBACK ({@code IncomingQosHandler.drainAcks}); decoding PUBLISH is 15%. On the callback thread
 * Camel's routing engine takes about half, the component's header mapping
 * ({@code MqttMessageBinding.toCamel}, mostly {@code CaseInsensitiveMap.put}) about a quarter.
 */
package dev.mqttbridge.benchmarks.camel;
