package dev.mqttbridge.mqtt.internal.broker.netty;

import io.netty.channel.Channel;

/**
 * Stops reading a channel while either of two things holds, so a client cannot make the broker
 * buffer without limit: its outbound buffer is over the high water mark (it does not read what we
 * send, e.g. PUBACKs), or too many of its packets wait for its session thread (it sends faster
 * than the broker processes). TCP flow control then pushes back on the client. Event loop only.
 */
final class ReadThrottle {

  private final Channel channel;
  private boolean unwritable;
  private boolean backlogged;

  ReadThrottle(Channel channel) {
    this.channel = channel;
  }

  void writable(boolean writable) {
    unwritable = !writable;
    apply();
  }

  void backlogged(boolean backlogged) {
    this.backlogged = backlogged;
    apply();
  }

  private void apply() {
    boolean read = !unwritable && !backlogged;
    if (channel.config().isAutoRead() != read) {
      channel.config().setAutoRead(read);
    }
  }
}
