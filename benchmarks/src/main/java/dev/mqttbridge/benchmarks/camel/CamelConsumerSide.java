package dev.mqttbridge.benchmarks.camel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One side of {@link CamelConsumerBenchmark}, run in a JVM of its own with one component's class
 * path: a Camel context with one route {@code from(uri)} to a processor that only counts.
 *
 * <p>Only Camel API that 4.17 and 4.22 share is used, so the same class runs on either. Protocol
 * on stdin/stdout, one line each: {@code SUBSCRIBE uri} adds a route, starts it and prints
 * {@code SUBSCRIBING}; once a first (probe) message arrived, which proves the subscription is in
 * place, it stops the route (its persistent session stays on the broker) and prints
 * {@code READY}; {@code GO n} starts that route, waits for n messages (or 10 s without one), stops
 * and removes it, and prints {@code RESULT received firstToLastNanos stopNanos cpuNanos} (the
 * CPU time this JVM used from the route's start until it had stopped, all threads);
 * anything else ends it. Stopping includes sending the acknowledgements still pending. Each run
 * gets a route and session of its own, so that nothing a previous run left unacknowledged comes
 * back into its count.
 */
public final class CamelConsumerSide {

  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final CamelContext camel = new DefaultCamelContext();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong first = new AtomicLong();
  private final AtomicLong last = new AtomicLong();
  private int routes;

  private CamelConsumerSide() {
  }

  public static void main(String[] args) throws Exception {
    new CamelConsumerSide().run();
    System.exit(0);
  }

  private void run() throws Exception {
    camel.start();
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String routeId = null;
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      if (line.startsWith("SUBSCRIBE ")) {
        routeId = subscribe(line.substring("SUBSCRIBE ".length()).trim());
        System.out.println(routeId == null ? "FAILED no probe message within 30 s" : "READY");
      } else if (line.startsWith("GO ") && routeId != null) {
        System.out.println("RESULT " + consume(routeId, Long.parseLong(line.substring(3).trim())));
      } else {
        break;
      }
    }
    camel.close();
  }

  private String subscribe(String uri) throws Exception {
    String routeId = "bench-" + ++routes;
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from(uri).routeId(routeId).process(exchange -> count());
      }
    });
    received.set(0);
    camel.getRouteController().startRoute(routeId);
    System.out.println("SUBSCRIBING");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (received.get() == 0 && System.nanoTime() - deadline < 0) {
      Thread.sleep(2);
    }
    camel.getRouteController().stopRoute(routeId);
    return received.get() == 0 ? null : routeId;
  }

  private String consume(String routeId, long expected) throws Exception {
    received.set(0);
    first.set(0);
    last.set(System.nanoTime());
    long cpuBefore = processCpuNanos();
    camel.getRouteController().startRoute(routeId);
    while (received.get() < expected && System.nanoTime() - last.get() < QUIET_NANOS) {
      Thread.sleep(2);
    }
    long stopping = System.nanoTime();
    camel.getRouteController().stopRoute(routeId);
    long stopped = System.nanoTime();
    long cpu = processCpuNanos() - cpuBefore;
    camel.removeRoute(routeId);
    return received.get() + " " + (last.get() - first.get()) + " " + (stopped - stopping) + " "
        + cpu;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private void count() {
    long now = System.nanoTime();
    if (received.incrementAndGet() == 1) {
      first.set(now);
    }
    last.set(now);
  }
}
