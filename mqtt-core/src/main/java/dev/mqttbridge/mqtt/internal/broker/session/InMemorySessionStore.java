package dev.mqttbridge.mqtt.internal.broker.session;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The default {@link SessionStore}: sessions in a concurrent map, lost when the broker stops. */
public final class InMemorySessionStore implements SessionStore {

  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();

  @Override
  public Session get(String clientId) {
    return sessions.get(clientId);
  }

  @Override
  public void put(Session session) {
    sessions.put(session.clientId(), session);
  }

  @Override
  public void remove(Session session) {
    sessions.remove(session.clientId(), session);
  }

  @Override
  public Collection<Session> all() {
    return List.copyOf(sessions.values());
  }
}
