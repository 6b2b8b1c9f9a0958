package dev.mqttbridge.test.proxy;

import java.util.concurrent.atomic.LongAdder;

/**
 * The faults a test has switched on, read by every relay of one {@link FaultProxy}, plus its traffic
 * counters. Written by the test thread, read on the event loop: hence volatile.
 */
final class FaultSettings {

  volatile boolean stalled;
  volatile boolean refuseNew;
  volatile long delayNanos;

  final LongAdder bytesToTarget = new LongAdder();
  final LongAdder bytesToClient = new LongAdder();
  final LongAdder accepted = new LongAdder();
}
