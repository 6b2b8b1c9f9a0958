package dev.mqttbridge.mqtt.internal.broker.session;

import java.util.Collection;

/**
 * Where sessions live between connections: the seam for a persistent store. Each session is read
 * and written only on its client's session thread; the store itself must be safe for concurrent
 * use by different threads for different clients.
 */
public interface SessionStore {

  /** The session of this client, or {@code null}. */
  Session get(String clientId);

  /** Stores a session, replacing any other of the same client. */
  void put(Session session);

  /** Removes this client's session if it is this one. */
  void remove(Session session);

  /** A snapshot of every stored session. */
  Collection<Session> all();
}
