package dev.mqttbridge.mqtt.internal.broker.netty;

import io.netty.channel.Channel;

/**
 * Stops reading a channel while any of three things holds, so a client cannot make the broker
 * buffer without limit: its outbound buffer is over the high water mark (it does not read what we
 * send, e.g. PUBACKs), too many of its packets wait for its session thread (it sends faster than
 * the broker processes), or a session it publishes to has a full delivery backlog (it sends
 * faster than a receiver's thread takes). TCP flow control then pushes back on the client. Event
 * loop only.
 */
final class ReadThrottle {

  private final Channel channel;
  private boolean unwritable;
  private boolean backlogged;
  /** Receivers' delivery backlogs this client waits for. */
  private int holds;

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

  void hold() {
    holds++;
    apply();
  }

  void release() {
    holds--;
    apply();
  }

  private void apply() {
    boolean read = !unwritable && !backlogged && holds == 0;
    if (channel.config().isAutoRead() != read) {
      channel.config().setAutoRead(read);
    }
  }
}
