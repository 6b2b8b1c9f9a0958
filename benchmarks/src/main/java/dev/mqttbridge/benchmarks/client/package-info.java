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
 * (messages per run, payload bytes, inflight window, latency samples, rounds). Needs
 * {@code mosquitto} on the path.
 */
package dev.mqttbridge.benchmarks.client;
