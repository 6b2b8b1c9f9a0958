package dev.mqttbridge.mqtt.internal.broker.netty;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits the transport enforces before and beside the broker core.
 *
 * @param connectTimeout how long a new connection has to deliver its whole CONNECT, counted from
 *     the TCP accept; trickling bytes does not extend it
 * @param maxConnections connections open at once; further ones are closed on accept
 * @param maxPendingPackets packets of one connection waiting for its session thread; above it the
 *     connection is no longer read until the backlog halves
 * @param outboundBufferBytes bytes waiting to be written to one connection above which it counts
 *     as a slow reader (Netty's write buffer high water mark; the low one is half)
 */
public record TransportLimits(Duration connectTimeout, int maxConnections, int maxPendingPackets,
    int outboundBufferBytes) {

  public TransportLimits {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }
}
