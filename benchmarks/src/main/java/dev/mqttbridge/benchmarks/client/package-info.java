/**
 * Client benchmark: publish throughput at QoS 0/1/2 and 1-to-1 latency through one Mosquitto, for
 * our client, the HiveMQ MQTT client 1.4.2 and Eclipse Paho 1.2.5, with the same MQTT version (5),
 * inflight window, payload and broker configuration. A load harness, not JMH; run it with
 *
 * <pre>
 * mvn -B -pl mqtt-core,mqtt-test-support,benchmarks -am package -Dmaven.test.skip=true
 * java -cp benchmarks/target/benchmarks.jar dev.mqttbridge.benchmarks.client.ClientBenchmark \
 *     50000 64 100 2000 3
 * </pre>
 *
 * (messages per run, payload bytes, inflight window, latency samples, rounds; a sixth argument such as
 * {@code ours,hivemq} picks clients). Needs {@code mosquitto} on the path. Every client is warmed up
 * before any is measured. Besides the rates, the table gives the client JVM's CPU time per QoS 1
 * message (publisher and subscriber together) and Mosquitto's busy share during the best QoS 1 round.
 *
 * <p>First run (2026-11-25, before the hot-path work): QoS 1 mqtt-bridge 50,527, HiveMQ 62,876, Paho
 * 53,990 msg/s; latency p99 2,034 µs against 117 and 146.
 *
 * <p>After batching the hand-offs (publishes, acknowledgements and completions cross threads in
 * bursts; flushes within a read merged), 2026-11-25 08:23-08:40 UTC, 2 cores shared with other builds
 * (load average 2 to 23). The run nearest the median ratios (08:36, load about 7):
 *
 * <pre>
 * | client       | QoS 0 msg/s | QoS 1 msg/s | QoS 2 msg/s | QoS 1 CPU µs/msg | broker busy | p50 µs | p99 µs |
 * | mqtt-bridge  |     160,043 |      49,603 |      39,776 |             21.4 |         58% |     75 |  1,005 |
 * | HiveMQ 1.4.2 |      99,975 |      41,855 |      33,129 |             17.6 |         46% |     94 |    129 |
 * | Paho 1.2.5   |     111,244 |      45,072 |      22,770 |             25.6 |         53% |     91 |    156 |
 * </pre>
 *
 * QoS 1 over seven runs of the new client: 0.89x to 1.51x HiveMQ (median 1.13x) and 0.86x to 1.41x
 * Paho (median 1.10x); client CPU per message median 15.6 µs (HiveMQ 17.0, Paho 24.4). Three runs of
 * the previous client in between: 0.74x to 0.88x HiveMQ (median 0.77x), 17.8 µs per message. The
 * machine's load moves every figure by tens of percent from run to run, the p99 latencies most (every
 * client had runs under 150 µs and runs over 1 ms). The 1.2x HiveMQ goal is met in some runs, not
 * reliably. 3x Paho is out of reach with this broker: Mosquitto spends about 10 µs of its one thread
 * per QoS 1 message (busy share over rate), which caps every client near 100,000 msg/s here, while 3x
 * Paho would be 120,000 to 165,000; Paho itself is held back by its own CPU per message (the highest
 * of the three), not by the broker, which is about half busy during its runs.
 */
package dev.mqttbridge.benchmarks.client;
