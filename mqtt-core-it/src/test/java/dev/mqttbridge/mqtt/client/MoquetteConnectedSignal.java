package dev.mqttbridge.mqtt.client;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a test when Moquette 0.17 itself considers a connection open, which is later than the
 * CONNACK the client sees.
 *
 * <p>Moquette sets its connection's {@code connected} flag only in the listener of the CONNACK
 * write, which it issues from its session thread. A SUBSCRIBE (or PUBLISH) the client sends on
 * receiving that CONNACK can be read before the listener has run; Moquette then logs "SUBSCRIBE
 * received on already closed connection" and closes the connection. That is a Moquette race, not
 * ours (MQTT lets a client send right after CONNACK, even before it), and it made
 * MqttClientWebSocketIT hang on SUBACK now and then. Moquette notifies interceptors' {@code
 * onConnect} only after setting the flag, so a test that waits for it never meets the race.
 */
final class MoquetteConnectedSignal extends AbstractInterceptHandler {

  private final Map<String, CompletableFuture<Void>> expected = new ConcurrentHashMap<>();

  /** Call before connecting: completes when Moquette has the next connection of {@code clientId} open. */
  CompletableFuture<Void> expect(String clientId) {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    expected.put(clientId, connected);
    return connected;
  }

  @Override
  public String getID() {
    return "connected-signal";
  }

  @Override
  public void onConnect(InterceptConnectMessage message) {
    CompletableFuture<Void> connected = expected.remove(message.getClientID());
    if (connected != null) {
      connected.complete(null);
    }
  }

  @Override
  public void onSessionLoopError(Throwable error) {
    // Moquette's own failures show in its log; the waiting test times out on them.
  }
}
