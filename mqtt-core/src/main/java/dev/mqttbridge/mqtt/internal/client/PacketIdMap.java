package dev.mqttbridge.mqtt.internal.client;

import java.util.Arrays;

/**
 * Values by MQTT packet identifier (1 to 65,535), each operation O(1) whatever the identifiers.
 *
 * <p>Why not Netty's {@code IntObjectHashMap}: it hashes an int to itself and probes linearly, so
 * a server's consecutive identifiers fill one contiguous run of slots, and every removal walks the
 * rest of that run to shift entries back. With a 1,000-message window that was about 1,000 probes
 * per acknowledgement and 80 % of the client's event loop time when draining a queued session.
 * Here an identifier indexes a page of 256 slots; pages are allocated on first use and dropped
 * when they empty, so a client holding a window of consecutive identifiers keeps a few kilobytes.
 *
 * <p>Not thread-safe: the client's event loop owns it.
 *
 * @param <V> the values
 */
final class PacketIdMap<V> {

  private static final int MAX_ID = 65_535;
  private static final int PAGE_BITS = 8;
  private static final int PAGE_SIZE = 1 << PAGE_BITS;
  private static final int PAGE_MASK = PAGE_SIZE - 1;

  private final Object[][] pages = new Object[(MAX_ID >> PAGE_BITS) + 1][];
  private final short[] pageSizes = new short[pages.length];
  private int size;

  /** The value held under {@code id}, or null (always for an id outside 1-65,535). */
  @SuppressWarnings("unchecked")
  V get(int id) {
    if (!valid(id)) {
      return null;
    }
    Object[] page = pages[id >> PAGE_BITS];
    return page == null ? null : (V) page[id & PAGE_MASK];
  }

  /** Holds {@code value} under {@code id}; returns the value it replaced, or null. */
  @SuppressWarnings("unchecked")
  V put(int id, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null value for packet id " + id);
    }
    if (!valid(id)) {
      throw new IllegalArgumentException("Packet id " + id + " is outside 1-" + MAX_ID);
    }
    int index = id >> PAGE_BITS;
    Object[] page = pages[index];
    if (page == null) {
      page = new Object[PAGE_SIZE];
      pages[index] = page;
    }
    Object previous = page[id & PAGE_MASK];
    page[id & PAGE_MASK] = value;
    if (previous == null) {
      pageSizes[index]++;
      size++;
    }
    return (V) previous;
  }

  /** Removes the value held under {@code id}; returns it, or null if there was none. */
  @SuppressWarnings("unchecked")
  V remove(int id) {
    if (!valid(id)) {
      return null;
    }
    int index = id >> PAGE_BITS;
    Object[] page = pages[index];
    if (page == null) {
      return null;
    }
    Object previous = page[id & PAGE_MASK];
    if (previous != null) {
      page[id & PAGE_MASK] = null;
      size--;
      if (--pageSizes[index] == 0) {
        pages[index] = null;
      }
    }
    return (V) previous;
  }

  /** How many identifiers hold a value. */
  int size() {
    return size;
  }

  /** Whether no identifier holds a value. */
  boolean isEmpty() {
    return size == 0;
  }

  /** Pages of slots held now: tests check that emptied pages are dropped. */
  int pagesInUse() {
    int pagesInUse = 0;
    for (Object[] page : pages) {
      if (page != null) {
        pagesInUse++;
      }
    }
    return pagesInUse;
  }

  /** Removes every value. */
  void clear() {
    Arrays.fill(pages, null);
    Arrays.fill(pageSizes, (short) 0);
    size = 0;
  }

  private static boolean valid(int id) {
    return id >= 1 && id <= MAX_ID;
  }
}
