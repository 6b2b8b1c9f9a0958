package dev.mqttbridge.mqtt.internal.broker.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.ReferenceCountUtil;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a session thread sends to one channel in batches: packets queue here and one task on
 * the channel's event loop writes all that have arrived, then flushes once. A {@code writeAndFlush}
 * per packet from another thread costs an event loop task, a wake-up and a socket write each,
 * which made a subscriber that gets thousands of messages a second fall behind its publisher.
 * Order is kept: every write, and the final write-and-close, go through the same queue.
 *
 * <p>What waits here is not yet in the channel's outbound buffer, so its writability does not
 * show it; {@link #queuedBytes()} does, from the sizes the writers estimate.
 */
final class EventLoopWriter {

  private static final Logger LOG = LoggerFactory.getLogger(EventLoopWriter.class);

  /** Packets written before a flush and a fresh task, so one busy channel cannot hog its loop. */
  private static final int MAXIMUM_BATCH = 256;

  private final Channel channel;
  private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Runnable drain = this::drain;

  EventLoopWriter(Channel channel) {
    this.channel = channel;
  }

  /**
   * Any thread: writes the message after those queued before it.
   *
   * @param estimatedBytes about what it takes on the wire, counted in {@link #queuedBytes()}
   *     until it is written (0 for small packets)
   */
  void write(Object message, int estimatedBytes) {
    if (estimatedBytes > 0) {
      queuedBytes.addAndGet(estimatedBytes);
      pending.offer(new Sized(message, estimatedBytes));
    } else {
      pending.offer(message);
    }
    schedule();
  }

  /** Estimated bytes of the messages queued here and not yet handed to the channel. */
  long queuedBytes() {
    return queuedBytes.get();
  }

  /** Any thread: writes the message after those queued before it, then closes the channel. */
  void writeAndClose(Object message) {
    pending.offer(new Closing(message));
    schedule();
  }

  /** Any thread: closes the channel once what was queued before is written. */
  void close() {
    pending.offer(new Closing(null));
    schedule();
  }

  private void schedule() {
    while (scheduled.compareAndSet(false, true)) {
      try {
        channel.eventLoop().execute(drain);
        return;
      } catch (RejectedExecutionException stopping) {
        // The event loop is gone and the channel with it: what waits here can never be written.
        discardPending();
        scheduled.set(false);
        if (pending.isEmpty()) {
          return; // else a writer queued while the flag was up: discard that too
        }
      }
    }
  }

  private void discardPending() {
    int discarded = 0;
    for (Object message = pending.poll(); message != null; message = pending.poll()) {
      if (message instanceof Sized sized) {
        queuedBytes.addAndGet(-sized.bytes);
        message = sized.message;
      } else if (message instanceof Closing closing) {
        message = closing.message;
      }
      ReferenceCountUtil.release(message);
      discarded++;
    }
    LOG.debug("Event loop of {} stopped: {} queued packets discarded", channel, discarded);
  }

  /** On the event loop. */
  private void drain() {
    // Cleared first: a packet queued after the last poll below schedules another drain.
    scheduled.set(false);
    int written = 0;
    for (Object message = pending.poll(); message != null; message = pending.poll()) {
      if (message instanceof Closing closing) {
        if (closing.message == null) {
          channel.flush();
          channel.close();
        } else {
          channel.writeAndFlush(closing.message).addListener(ChannelFutureListener.CLOSE);
        }
        written = 0;
        continue;
      }
      if (message instanceof Sized sized) {
        queuedBytes.addAndGet(-sized.bytes);
        message = sized.message;
      }
      channel.write(message, channel.voidPromise());
      if (++written == MAXIMUM_BATCH) {
        channel.flush();
        if (!pending.isEmpty()) {
          schedule();
        }
        return;
      }
    }
    if (written > 0) {
      channel.flush();
    }
  }

  /** A message with its estimated size. */
  private record Sized(Object message, int bytes) {}

  /** A last message (or none), after which the channel is closed. */
  private record Closing(Object message) {}
}
