package dev.mqttbridge.mqtt.internal.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.broker.Authorizer;
import dev.mqttbridge.mqtt.broker.ClientIdentity;
import dev.mqttbridge.mqtt.broker.OfflineQueuePolicy;
import dev.mqttbridge.mqtt.internal.broker.SessionLoops;
import dev.mqttbridge.mqtt.internal.broker.retained.InMemoryRetainedMessageStore;
import dev.mqttbridge.mqtt.internal.broker.session.BoundedMessageQueue;
import dev.mqttbridge.mqtt.internal.broker.session.DeliveryBacklog;
import dev.mqttbridge.mqtt.internal.broker.session.InMemorySessionStore;
import dev.mqttbridge.mqtt.internal.broker.session.Session;
import dev.mqttbridge.mqtt.internal.broker.session.SessionSubscription;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

  @Test
  void sessionThreadsStopped_refusedHandOversLeaveBacklogEmpty_publisherNeverHeld() {
    InMemorySessionStore sessions = new InMemorySessionStore();
    Session receiver = new Session("receiver",
        new BoundedMessageQueue(10, OfflineQueuePolicy.DROP_NEWEST), () -> 0L, dropped -> { }, 2);
    sessions.put(receiver);
    SessionLoops loops = new SessionLoops(1, "router-test");
    Router router = new Router(sessions, loops, new InMemoryRetainedMessageStore(),
        Authorizer.ALLOW_ALL, () -> 0L, dropped -> { });
    router.subscribe(new SessionSubscription(new ClientIdentity("receiver", null),
        TopicFilter.of("t/#"), MqttSubscription.of("t/#", MqttQos.AT_LEAST_ONCE), 0));
    loops.close(); // the broker is stopping: every hand-over is refused from now on

    List<DeliveryBacklog> heldBy = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      router.publish(MqttMessage.builder("t/x").payload("m" + i).qos(MqttQos.AT_LEAST_ONCE)
          .build(), "publisher", heldBy::add);
    }

    // Five messages over a limit of 2: had the refused ones stayed counted, the third would
    // have held its publisher until a drain that never comes.
    assertThat(receiver.backlog().size()).isZero();
    assertThat(heldBy).isEmpty();
  }
}
