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
 * <p><b>Results</b> (2026-11-25, defaults: 200,000 messages x 5 runs after 2 warm-ups, on the
 * shared 2-core machine at load average 9-21, so the rates spread widely; the CPU time per message
 * is the steadier figure). Three invocations, ours vs camel-paho-mqtt5, median msg/s:
 * <ul>
 *   <li>105,409 vs 58,652 (1.80x), CPU 2.7 vs 11.8 µs/msg, load 9-19;</li>
 *   <li>170,002 vs 69,245 (2.46x), CPU 2.5 vs 12.2 µs/msg, load 11-16;</li>
 *   <li>94,194 vs 56,768 (1.66x), CPU 2.5 vs 13.4 µs/msg, load 18-21.</li>
 * </ul>
 * Ours uses about a fifth of paho's CPU per message; the goal of 3x throughput is not met
 * on this machine. Every paho run missed some queued messages (about 1,000 of 1,000,000 per
 * invocation, none arriving in 10 s); ours missed none in these three.
 *
 * <p><b>Where ours spends its time</b> (JFR execution samples of our side): the client's event
 * loop is the busier thread (232 samples vs 156 on the callback thread); 46% of its samples are
 * the acknowledgement path, one event-loop task per acknowledgement
 * ({@code IncomingQosHandler.acknowledgedByApplication}) and a flush, so one socket write, per
 * PUBACK ({@code IncomingQosHandler.drainAcks}); decoding PUBLISH is 15%. On the callback thread
 * Camel's routing engine takes about half, the component's header mapping
 * ({@code MqttMessageBinding.toCamel}, mostly {@code CaseInsensitiveMap.put}) about a quarter.
 * An experiment (not committed) that let one event-loop task send every acknowledgement given
 * so far with one flush gave 399,255 (5.41x) and 167,200 (2.57x) msg/s in two invocations.
 *
 * <p><b>Later</b>: with acknowledgements batched (that experiment, committed) and Netty's native
 * epoll in this jar, seven quiet invocations (2026-11-25 13:30-13:53 UTC) gave 2.79x to 3.37x
 * paho (median 3.04x), our CPU per message 4.2 to 4.8 µs against paho's 15 to 18, with Mosquitto
 * 79 to 87 % busy: the two cores are then shared by Mosquitto and our JVM, and single runs still
 * range from 167,000 to 495,000 msg/s. Every invocation is in {@code docs/benchmarks.md}.
 *
 * <p><b>The real cost</b> (de68b06): a second JFR profile put 365 of the event loop's 453 samples
 * in Netty's {@code IntObjectHashMap.removeAt}, inlined into {@code drainAcks} (which is why the
 * profile above booked the acknowledgement path so high): its identity hash and linear probing
 * kept the server's consecutive packet ids in one run of slots, and each removal walked the rest
 * of it. With the incoming flows in a {@code PacketIdMap}, four quiet invocations gave 5.5x to
 * 6.6x paho through the route (ours 440,000 to 527,000 msg/s, 1.6 to 2.1 CPU µs per message),
 * and 2.9x to 3.3x including the route's stop, which waits for Mosquitto (then 91 to 96 % busy)
 * to read every PUBACK.
 */
package dev.mqttbridge.benchmarks.camel;
