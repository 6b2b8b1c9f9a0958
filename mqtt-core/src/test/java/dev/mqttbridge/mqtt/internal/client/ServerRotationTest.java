package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.client.MqttServerSelection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServerRotationTest {

  private static final List<URI> URIS = List.of(URI.create("tcp://a"), URI.create("tcp://b"),
      URI.create("tcp://c"));

  private static List<URI> take(ServerRotation rotation, int count) {
    List<URI> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      taken.add(rotation.next());
    }
    return taken;
  }

  @Test
  void inOrder_visitsEachServerThenStartsOverWithTheFirst() {
    ServerRotation rotation = new ServerRotation(URIS, MqttServerSelection.IN_ORDER, new Random(1));

    assertThat(take(rotation, 4)).containsExactly(URIS.get(0), URIS.get(1), URIS.get(2), URIS.get(0));
  }

  @Test
  void restart_inOrder_goesBackToTheFirstServer() {
    ServerRotation rotation = new ServerRotation(URIS, MqttServerSelection.IN_ORDER, new Random(1));
    take(rotation, 2);

    rotation.restart();

    assertThat(rotation.next()).isEqualTo(URIS.get(0));
  }

  @Test
  void random_eachRoundVisitsEveryServerOnce() {
    ServerRotation rotation = new ServerRotation(URIS, MqttServerSelection.RANDOM, new Random(7));

    for (int round = 0; round < 20; round++) {
      assertThat(take(rotation, 3)).containsExactlyInAnyOrderElementsOf(URIS);
    }
  }

  @Test
  void random_ordersDifferAcrossRounds() {
    ServerRotation rotation = new ServerRotation(URIS, MqttServerSelection.RANDOM, new Random(7));
    List<List<URI>> rounds = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      rounds.add(take(rotation, 3));
    }

    assertThat(rounds.stream().distinct().count()).isGreaterThan(1);
  }
}
