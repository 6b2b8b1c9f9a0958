package dev.mqttbridge.mqtt.client;

/**
 * A snapshot of a client's counters since it was built.
 *
 * @param published messages written by {@code publish} (resends not counted again)
 * @param acknowledged QoS 1 and 2 publishes whose flow completed (PUBACK, PUBCOMP)
 * @param inflight QoS 1 and 2 publishes sent and not yet acknowledged
 * @param pending publishes waiting for room in the inflight window or for a connection
 * @param received messages received from the server (duplicates of unacknowledged ones not
 *     counted again)
 * @param dropped received QoS 0 messages dropped because the handlers were too slow, plus received
 *     messages no handler matched
 * @param reconnects successful automatic reconnects
 * @param bytesIn bytes read from the network
 * @param bytesOut bytes written to the network
 */
public record MqttClientMetrics(
    long published,
    long acknowledged,
    long inflight,
    long pending,
    long received,
    long dropped,
    long reconnects,
    long bytesIn,
    long bytesOut) {}
