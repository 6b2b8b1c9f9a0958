package dev.mqttbridge.benchmarks.codec;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor JMH runs the codec benchmark's threads on ({@code -Djmh.executor=CUSTOM}): Netty
 * {@link io.netty.util.concurrent.FastThreadLocalThread}s, the kind of thread both codecs run on in
 * production, where they are called from a channel's event loop.
 *
 * <p>It matters because Netty treats other threads differently: on a plain thread, its adaptive
 * allocator takes buffers from shared, lock-protected magazines instead of the thread's own, and
 * {@code ByteBuf.toString(Charset)} allocates a scratch array per string instead of reusing a
 * thread-local one. Both costs land on both codecs alike, but they exist only off the event loop.
 */
public final class EventLoopThreadExecutor extends ThreadPoolExecutor {

  /**
   * The constructor JMH calls.
   *
   * @param threads the number of benchmark threads
   * @param prefix the thread name prefix JMH chooses
   */
  public EventLoopThreadExecutor(int threads, String prefix) {
    super(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        new DefaultThreadFactory(prefix, true));
  }
}
