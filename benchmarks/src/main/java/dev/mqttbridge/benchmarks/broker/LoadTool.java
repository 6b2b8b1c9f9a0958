package dev.mqttbridge.benchmarks.broker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A broker load generator: N publishers to M subscribers over MQTT 3.1.1 raw sockets, so every
 * broker sees exactly the same client behaviour. Subscriber {@code j} subscribes to {@code
 * load/(j mod N)}; publisher {@code i} publishes to {@code load/i}. Each payload starts with the
 * send time, so the subscribers measure end-to-end latency (one JVM, one clock).
 *
 * <p>Client settings, identical for every broker: MQTT 3.1.1, clean session, keep alive 60 s,
 * TCP_NODELAY, one PUBLISH per flush (or bursts, see {@link #BURSTS}), at most
 * {@code inflight} unacknowledged QoS 1/2 publishes per publisher (QoS 2: released at PUBCOMP),
 * subscribers acknowledge at once and flush their acknowledgements when they have handled all
 * they received (as event-loop clients do: with a flush, that is a system call, per
 * acknowledgement the subscriber, not the broker, was the slowest part, and a faster broker only
 * filled its queue for the subscriber).
 *
 * <pre>
 * java -cp benchmarks.jar dev.mqttbridge.benchmarks.broker.LoadTool \
 *     HOST PORT PUBLISHERS SUBSCRIBERS QOS PAYLOAD_BYTES MESSAGES_PER_PUBLISHER INFLIGHT
 * </pre>
 *
 * <p>Prints one line: messages received per second (first send to last receive) and latency
 * p50 / p99 / p99.9 in milliseconds. Subscribers that miss messages (QoS 0 drops) are reported
 * 10 s after the last send. {@link LoadComparison} runs it against several brokers at once.
 */
public final class LoadTool {

  /**
   * {@code -Dload.flush=burst}: a publisher writes its PUBLISH packets without flushing while its
   * window has room and flushes when it must wait for an acknowledgement (or its buffer of 64 KiB
   * is full), as an event-loop client writes a burst; the default {@code each} flushes every
   * PUBLISH, one system call per message, as a device sends.
   */
  static final boolean BURSTS = flushMode().equals("burst");

  private static String flushMode() {
    String mode = System.getProperty("load.flush", "each");
    if (!mode.equals("each") && !mode.equals("burst")) {
      throw new IllegalArgumentException("load.flush must be each or burst, not " + mode);
    }
    return mode;
  }

  /** A broker that stalls without closing the connections does not hang the run. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  private LoadTool() {}

  public static void main(String[] args) throws Exception {
    LoadResult result = run(args[0], Integer.parseInt(args[1]), new LoadShape(
        Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[6])),
        Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[7]));
    System.out.println(result.line());
    System.exit(0);
  }

  /**
   * One load run; every client is disconnected when it returns.
   *
   * @param size payload bytes (at least 8: the send time)
   * @param inflight unacknowledged QoS 1/2 publishes per publisher
   */
  static LoadResult run(String host, int port, LoadShape shape, int qos, int size, int inflight)
      throws IOException, InterruptedException {
    size = Math.max(8, size);
    int publishers = shape.publishers();
    List<Subscriber> subs = new ArrayList<>();
    List<Client> clients = new ArrayList<>();
    try {
      for (int j = 0; j < shape.subscribers(); j++) {
        // Each subscriber follows one publisher.
        Subscriber sub = new Subscriber(host, port, "load-sub-" + j, "load/" + (j % publishers),
            qos, shape.messagesPerPublisher());
        subs.add(sub);
        clients.add(sub);
      }
      subs.forEach(s -> daemon(s::run, s.clientId).start());
      for (Subscriber sub : subs) {
        sub.subscribed.await();
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> pubs = new ArrayList<>();
      for (int i = 0; i < publishers; i++) {
        Publisher pub = new Publisher(host, port, "load-pub-" + i, "load/" + i, qos, size,
            shape.messagesPerPublisher(), inflight, start);
        clients.add(pub);
        Thread thread = daemon(pub::run, pub.clientId);
        pubs.add(thread);
        thread.start();
      }
      long begin = System.nanoTime();
      start.countDown();
      long deadline = begin + RUN_TIMEOUT.toNanos();
      for (Thread pub : pubs) {
        pub.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        if (pub.isAlive()) {
          System.out.println(pub.getName() + " still sending after " + RUN_TIMEOUT);
        }
      }
      return collect(subs, begin, shape, qos, size);
    } finally {
      for (Client client : clients) {
        client.close();
      }
    }
  }

  private static LoadResult collect(List<Subscriber> subs, long begin, LoadShape shape, int qos,
      int size) throws InterruptedException {
    long lastReceived = begin;
    long received = 0;
    List<long[]> latencies = new ArrayList<>();
    // QoS 0 may drop messages under overload: stop waiting 10 s after the last send.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Subscriber sub : subs) {
      if (!sub.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        System.out.println(sub.clientId + " got " + sub.count + " of "
            + sub.latencyMicros.length + " messages");
      }
      lastReceived = Math.max(lastReceived, sub.lastNanos);
      received += sub.count;
      latencies.add(Arrays.copyOf(sub.latencyMicros, sub.count));
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    double seconds = (lastReceived - begin) / 1e9;
    return new LoadResult(shape, qos, size, received, received / seconds,
        percentile(all, 0.50), percentile(all, 0.99), percentile(all, 0.999));
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
  }

  /** A connected raw client: synchronised writes, a data reader. */
  private static class Client {
    final String clientId;
    Socket socket;
    OutputStream out;
    DataInputStream in;
    volatile boolean closed;

    Client(String clientId) {
      this.clientId = clientId;
    }

    void connect(String host, int port) throws IOException {
      socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
      byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
      ByteBuffer body = ByteBuffer.allocate(12 + id.length);
      body.put(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60});
      body.putShort((short) id.length).put(id);
      write(0x10, body.array(), true);
      int type = in.readUnsignedByte();
      readBody();
      if (type != 0x20) {
        throw new IOException(clientId + ": no CONNACK");
      }
    }

    synchronized void write(int first, byte[] body, boolean flush) throws IOException {
      out.write(first);
      int length = body.length;
      do {
        int digit = length % 128;
        length /= 128;
        out.write(length > 0 ? digit | 0x80 : digit);
      } while (length > 0);
      out.write(body);
      if (flush) {
        out.flush();
      }
    }

    /** Disconnects without DISCONNECT: the run is over, the broker cleans up. */
    void close() {
      closed = true;
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }

    void ack(int first, int packetId) throws IOException {
      ack(first, packetId, true);
    }

    void ack(int first, int packetId, boolean flush) throws IOException {
      write(first, new byte[] {(byte) (packetId >> 8), (byte) packetId}, flush);
    }

    /** Sends what is buffered; synchronised with the writes of the other thread. */
    synchronized void flush() throws IOException {
      out.flush();
    }

    /** Sends what is buffered once everything received so far is handled. */
    void flushWhenCaughtUp() throws IOException {
      if (in.available() == 0) {
        flush();
      }
    }

    byte[] readBody() throws IOException {
      int length = 0;
      int shift = 0;
      int digit;
      do {
        digit = in.readUnsignedByte();
        length |= (digit & 0x7F) << shift;
        shift += 7;
      } while ((digit & 0x80) != 0);
      byte[] body = new byte[length];
      in.readFully(body);
      return body;
    }
  }

  private static final class Publisher extends Client {
    final String topic;
    final int qos;
    final int size;
    final int messages;
    final Semaphore window;
    final CountDownLatch start;

    Publisher(String host, int port, String clientId, String topic, int qos, int size,
        int messages, int inflight, CountDownLatch start) throws IOException {
      super(clientId);
      this.topic = topic;
      this.qos = qos;
      this.size = size;
      this.messages = messages;
      this.window = new Semaphore(inflight);
      this.start = start;
      connect(host, port);
    }

    void run() {
      try {
        if (qos > 0) {
          Thread acks = new Thread(this::readAcks, clientId + "-acks");
          acks.setDaemon(true);
          acks.start();
        }
        start.await();
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < messages; n++) {
          int packetId = n % 65_535 + 1;
          if (qos > 0 && !window.tryAcquire()) {
            if (BURSTS) {
              flush(); // about to wait for the window: send what is buffered
            }
            window.acquire();
          }
          ByteBuffer body = ByteBuffer.allocate(2 + topicBytes.length + (qos > 0 ? 2 : 0) + size);
          body.putShort((short) topicBytes.length).put(topicBytes);
          if (qos > 0) {
            body.putShort((short) packetId);
          }
          body.putLong(System.nanoTime());
          write(0x30 | qos << 1, body.array(), !BURSTS);
        }
        flush();
      } catch (IOException | InterruptedException e) {
        if (!closed) {
          System.out.println(clientId + " stopped: " + e);
        }
      }
    }

    private void readAcks() {
      try {
        while (true) {
          int type = in.readUnsignedByte() >> 4;
          byte[] body = readBody();
          int packetId = (body[0] & 0xFF) << 8 | body[1] & 0xFF;
          if (type == 4 || type == 7) { // PUBACK, PUBCOMP
            window.release();
          } else if (type == 5) { // PUBREC
            ack(0x62, packetId);
          }
        }
      } catch (IOException closed) {
        // Done, or the broker dropped us: unblock the sender, whose next write then fails.
        window.release(Integer.MAX_VALUE / 2);
      }
    }
  }

  private static final class Subscriber extends Client {
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch done = new CountDownLatch(1);
    final long[] latencyMicros;
    final String filter;
    final int qos;
    volatile int count;
    volatile long lastNanos;

    Subscriber(String host, int port, String clientId, String filter, int qos, int expected)
        throws IOException {
      super(clientId);
      this.filter = filter;
      this.qos = qos;
      this.latencyMicros = new long[expected];
      connect(host, port);
    }

    void run() {
      try {
        byte[] filterBytes = filter.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(5 + filterBytes.length);
        body.putShort((short) 1).putShort((short) filterBytes.length).put(filterBytes)
            .put((byte) qos);
        write(0x82, body.array(), true);
        in.readUnsignedByte();
        readBody();
        subscribed.countDown();
        while (count < latencyMicros.length) {
          int first = in.readUnsignedByte();
          byte[] packet = readBody();
          int type = first >> 4;
          if (type == 6) { // PUBREL
            ack(0x70, (packet[0] & 0xFF) << 8 | packet[1] & 0xFF, false);
            flushWhenCaughtUp();
            continue;
          }
          if (type != 3) {
            flushWhenCaughtUp();
            continue;
          }
          int packetQos = (first >> 1) & 3;
          int topicLength = (packet[0] & 0xFF) << 8 | packet[1] & 0xFF;
          int offset = 2 + topicLength;
          if (packetQos > 0) {
            int packetId = (packet[offset] & 0xFF) << 8 | packet[offset + 1] & 0xFF;
            ack(packetQos == 1 ? 0x40 : 0x50, packetId, false);
            offset += 2;
          }
          long now = System.nanoTime();
          long sent = ByteBuffer.wrap(packet, offset, 8).getLong();
          latencyMicros[count] = (now - sent) / 1000;
          lastNanos = now;
          count = count + 1;
          flushWhenCaughtUp();
        }
      } catch (IOException e) {
        if (!closed) {
          System.out.println(clientId + " stopped: " + e);
        }
      } finally {
        subscribed.countDown();
        done.countDown();
      }
    }
  }
}
