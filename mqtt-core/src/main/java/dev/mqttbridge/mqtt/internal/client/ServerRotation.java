package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.client.MqttServerSelection;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which server URI the next connection attempt goes to. A round visits every URI once, in order or
 * shuffled; {@link #restart()} begins a new round. Event loop only.
 */
final class ServerRotation {

  private final List<URI> uris;
  private final MqttServerSelection selection;
  private final Random random;
  private List<URI> round = List.of();
  private int position;

  ServerRotation(List<URI> uris, MqttServerSelection selection, Random random) {
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("No server URI");
    }
    this.uris = List.copyOf(uris);
    this.selection = selection;
    this.random = random;
  }

  /** The next server; a new round begins when this one has visited every server. */
  URI next() {
    if (position >= round.size()) {
      newRound();
    }
    return round.get(position++);
  }

  /** The next {@link #next()} starts a new round (with the first URI when in order). */
  void restart() {
    position = round.size();
  }

  private void newRound() {
    if (selection == MqttServerSelection.RANDOM) {
      List<URI> shuffled = new ArrayList<>(uris);
      Collections.shuffle(shuffled, random);
      round = shuffled;
    } else {
      round = uris;
    }
    position = 0;
  }
}
