package dev.mqttbridge.mqtt.internal.client;

import java.util.BitSet;

/**
 * Packet identifiers in use by this client's session: PUBLISH (QoS 1, 2), SUBSCRIBE and UNSUBSCRIBE
 * share one space [MQTT-2.2.1-3]. Session-scoped; event loop only.
 */
final class PacketIdAllocator {

  private static final int MAX = 65_535;

  private final BitSet used = new BitSet(MAX + 1);
  private int next = 1;
  private int inUse;

  /** A free identifier, now in use, or 0 when all 65535 are in use. */
  int allocate() {
    if (inUse == MAX) {
      return 0;
    }
    int id = used.nextClearBit(next);
    if (id > MAX) {
      id = used.nextClearBit(1);
    }
    used.set(id);
    inUse++;
    next = id == MAX ? 1 : id + 1;
    return id;
  }

  void release(int id) {
    if (id > 0 && used.get(id)) {
      used.clear(id);
      inUse--;
    }
  }

  int inUse() {
    return inUse;
  }
}
