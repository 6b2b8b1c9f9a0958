package dev.mqttbridge.test.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One direction of a proxied connection: bytes read from {@code source} are queued, then written to
 * {@code target} once their delay has passed and the proxy is not stalled, in the order they were read.
 *
 * <p>Memory stays bounded: the source is read only while the queue holds less than {@link #MAX_PENDING_BYTES},
 * the target is writable and the proxy is not stalled (Netty's {@code autoRead} is switched accordingly).
 * A close of the source is forwarded like data: after everything queued before it.
 *
 * <p>Confined to the event loop of both channels; not thread-safe.
 */
final class Relay {

  /** Enough for tests; with a delay, throughput is bounded by this much per delay. */
  static final int MAX_PENDING_BYTES = 1024 * 1024;

  private final FaultSettings settings;
  private final LongAdder forwarded;
  private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
  private Channel source;
  private Channel target;
  private long pendingBytes;
  private long lastReleaseNanos = Long.MIN_VALUE;
  private ScheduledFuture<?> drainTimer;
  private boolean sourceClosed;
  private boolean targetClosed;

  Relay(FaultSettings settings, LongAdder forwarded) {
    this.settings = settings;
    this.forwarded = forwarded;
  }

  /** Connects the relay once both channels exist; until then nothing is read. */
  void bind(Channel source, Channel target) {
    this.source = source;
    this.target = target;
  }

  /** Takes ownership of {@code bytes} read from the source. */
  void onRead(ByteBuf bytes) {
    if (targetClosed || target == null) {
      bytes.release();
      return;
    }
    // Never earlier than the chunk before: a shorter delay set later must not reorder bytes.
    long releaseAt = Math.max(System.nanoTime() + settings.delayNanos, lastReleaseNanos);
    lastReleaseNanos = releaseAt;
    pending.add(new Chunk(bytes, releaseAt));
    pendingBytes += bytes.readableBytes();
    drain();
  }

  /** Writes what is due, then decides whether to keep reading the source. Safe to call at any time. */
  void drain() {
    if (target == null || targetClosed) {
      return;
    }
    boolean wrote = false;
    while (!settings.stalled && !pending.isEmpty() && target.isWritable()) {
      Chunk head = pending.peek();
      long wait = head.releaseAt - System.nanoTime();
      if (wait > 0) {
        scheduleDrain(wait);
        break;
      }
      pending.poll();
      int size = head.bytes.readableBytes();
      pendingBytes -= size;
      forwarded.add(size);
      target.write(head.bytes, target.voidPromise());
      wrote = true;
    }
    if (wrote) {
      target.flush();
    }
    if (sourceClosed && pending.isEmpty() && !settings.stalled) {
      // Flush, then close: a plain close() would drop bytes still in Netty's outbound buffer.
      target.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      targetClosed = true;
    }
    updateReading();
  }

  /** The source reached its end or failed: forward the close after the queued bytes. */
  void sourceClosed() {
    sourceClosed = true;
    drain();
  }

  /** The target is gone: nothing queued can be delivered any more. */
  void targetClosed() {
    targetClosed = true;
    if (drainTimer != null) {
      drainTimer.cancel(false);
      drainTimer = null;
    }
    Chunk chunk;
    while ((chunk = pending.poll()) != null) {
      chunk.bytes.release();
    }
    pendingBytes = 0;
    updateReading();
  }

  private void scheduleDrain(long delayNanos) {
    if (drainTimer == null) {
      drainTimer = target.eventLoop().schedule(() -> {
        drainTimer = null;
        drain();
      }, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void updateReading() {
    if (source == null || !source.isOpen()) {
      return;
    }
    boolean read = !settings.stalled && !sourceClosed && !targetClosed
        && pendingBytes < MAX_PENDING_BYTES && target.isWritable();
    if (source.config().isAutoRead() != read) {
      source.config().setAutoRead(read);
    }
  }

  private record Chunk(ByteBuf bytes, long releaseAt) {
  }
}
