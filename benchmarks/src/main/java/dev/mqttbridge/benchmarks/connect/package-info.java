/**
 * Connector benchmarks: records/s of the sink (Kafka to MQTT) and the source (MQTT to Kafka) at
 * QoS 1 through a real Connect worker, each against the same run's raw limits. Load harnesses, not
 * JMH, run by hand:
 *
 * <pre>
 * mvn -o -q -B package -pl benchmarks -am -DskipTests -P'!fuzz'
 * java -cp benchmarks/target/benchmarks.jar dev.mqttbridge.benchmarks.connect.ConnectSinkBenchmark 200000 5
 * java -cp benchmarks/target/benchmarks.jar dev.mqttbridge.benchmarks.connect.ConnectSourceBenchmark 200000 5
 * </pre>
 *
 * (records per round, rounds, payload bytes (100); the source takes {@code mqtt.session.slots} as a
 * fourth). Set-up: Mosquitto 2.0.11 ({@code max_inflight_messages 500}, {@code max_queued_messages
 * 0}, no persistence), Kafka 4.4.0 with one KRaft broker and one Connect worker in the benchmark's
 * JVM ({@code offset.flush.interval.ms=1000}), one-partition topics, one task. Rates are timed where
 * the messages arrive (a QoS 1 subscriber, a consumer assigned to the topic) from first to last;
 * the figure is the median of the rounds. {@link SinkThroughputBenchmark} drives the sink task alone
 * with in-memory records (the sink's own cost, Kafka out of the loop).
 *
 * <p>Runs of 2026-11-25 on 2 cores shared with other builds (load average 15-30 during the runs,
 * so rounds vary by up to 2x; the first round is a warm-up for the JIT):
 *
 * <pre>
 * | benchmark | raw limit(s), median | connector, median | ratio |
 * | sink, 5 rounds (load 15.5 -> 30.3) | client publish 37,021 msg/s | 32,003 rec/s | 0.86 |
 * | sink, 3 rounds (load 19.0 -> 15.8) | client publish 34,640 msg/s | 39,974 rec/s | 1.15 |
 * | sink, 5 rounds (load 25.9 -> 41.5) | client publish 36,408 msg/s | 21,385 rec/s | 0.59 |
 * | source, 5 rounds (load 30.3 -> 22.0) | subscribe 118,471 msg/s, producer 68,915 rec/s | 64,509 rec/s | 0.94 |
 * | source, 5 rounds (load 16.7 -> 22.4) | subscribe 101,319 msg/s, producer 57,852 rec/s | 56,241 rec/s | 0.97 |
 * | source, 3 rounds (load 15.5 -> 21.8) | subscribe 66,183 msg/s, producer 49,885 rec/s | 35,234 rec/s | 0.71 |
 * | source, 5 rounds, 4 slots (load 22.4 -> 25.1) | subscribe 86,222 msg/s, producer 39,322 rec/s | 30,407 rec/s | 0.77 |
 * </pre>
 *
 * <p>Where the source falls behind (rounds where the producer alone reached 100,000-120,000
 * records/s, the source 57,000-78,000): each slot's session has at most 500 messages
 * unacknowledged (Mosquitto's inflight limit under the connector's Receive Maximum of 1,000), and
 * a message is acknowledged only after Kafka's {@code acks=all} for its record, so a slot's rate is
 * bounded by that window over the round trip through the producer (Connect's source producers
 * send one request at a time per connection). The raw producer figures above were taken before it
 * also had Connect's {@code enable.idempotence=false} and {@code max.block.ms}.
 */
package dev.mqttbridge.benchmarks.connect;
