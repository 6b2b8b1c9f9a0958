package dev.mqttbridge.mqtt.internal.codec;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty's leak detector reports a buffer released by nobody.
 *
 * <p>Netty reports a leak only when the garbage collector has cleared the leaked buffer and a
 * later allocation polls the detector's reference queue. So after each test this forces a
 * collection and a few tracked allocations, then fails the test if a report arrived. Run the tests
 * at level PARANOID (the parent pom's argLine does; this class raises a lower level too) so that
 * every buffer is tracked. Netty 4.2 tracks direct and pooled buffers but not unpooled heap ones
 * ({@code Unpooled.buffer}, {@code Unpooled.wrappedBuffer}), so tests that want leak checking feed
 * their bytes in direct buffers.
 *
 * <p>Reports reach us through a {@link ResourceLeakDetector.LeakListener} on the detector of
 * {@link ByteBuf}s. That detector is created once, when {@link AbstractByteBuf} is initialised: if
 * that has not happened yet, a {@link ResourceLeakDetectorFactory} installed here creates it with
 * our listener; if another test initialised it first, the listener is set on it reflectively.
 * Netty reports each distinct leak record once per JVM.
 */
public final class LeakDetectionExtension implements AfterEachCallback {

  /** Leak records reported and not yet claimed by a test; the JVM has one detector, so one queue. */
  private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

  private static final ResourceLeakDetector.LeakListener LISTENER =
      (resourceType, records) -> LEAKS.add(resourceType + " leaked:" + records);

  /** Collections and allocations after each test: enough for a leak of that test, cheaply. */
  private static final int ROUNDS_AFTER_EACH = 2;

  static {
    if (ResourceLeakDetector.getLevel().ordinal() < ResourceLeakDetector.Level.PARANOID.ordinal()) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ListeningFactory());
    listenToByteBufDetector();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    checkForLeaks(ROUNDS_AFTER_EACH);
  }

  /**
   * Collects garbage and polls the leak detector up to {@code rounds} times, stopping at the first
   * report.
   *
   * @throws AssertionError listing every leak reported since the last check
   */
  public static void checkForLeaks(int rounds) {
    for (int i = 0; i < rounds && LEAKS.isEmpty(); i++) {
      System.gc();
      System.runFinalization();
      if (i > 0) {
        sleep(10); // give the reference handler thread time to enqueue cleared buffers
      }
      pollDetector();
    }
    List<String> leaks = new ArrayList<>();
    for (String leak; (leak = LEAKS.poll()) != null; ) {
      leaks.add(leak);
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " buffer leak(s) reported:\n"
          + String.join("\n----\n", leaks));
    }
  }

  /**
   * Tracked allocations make the detector drain its reference queue and report. Direct ones:
   * Netty 4.2 does not track unpooled heap buffers at all.
   */
  private static void pollDetector() {
    for (int i = 0; i < 4; i++) {
      ByteBuf probe = Unpooled.directBuffer(1);
      probe.release();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void listenToByteBufDetector() {
    try {
      Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
      field.setAccessible(true);
      ((ResourceLeakDetector<?>) field.get(null)).setLeakListener(LISTENER);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "Cannot listen to Netty's ByteBuf leak detector; did Netty rename the field?", e);
    }
  }

  /** Creates detectors that always report (not only when error logging is on) to our listener. */
  private static final class ListeningFactory extends ResourceLeakDetectorFactory {
    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval, long maxActive) {
      ResourceLeakDetector<T> detector = new ResourceLeakDetector<T>(resource, samplingInterval) {
        @Override
        protected boolean needReport() {
          return true;
        }
      };
      detector.setLeakListener(LISTENER);
      return detector;
    }
  }
}
