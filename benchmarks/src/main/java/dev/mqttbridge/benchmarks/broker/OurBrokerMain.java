package dev.mqttbridge.benchmarks.broker;

import dev.mqttbridge.mqtt.broker.MqttBroker;
import java.util.concurrent.CountDownLatch;

/**
 * Runs our broker in its own JVM as a {@link LoadComparison} peer, with the limits Mosquitto gets
 * there: 1,000 unacknowledged messages per client, 10,000 queued per session. Stops on SIGTERM.
 *
 * <pre>
 * java -cp benchmarks.jar dev.mqttbridge.benchmarks.broker.OurBrokerMain PORT
 * </pre>
 */
public final class OurBrokerMain {

  private OurBrokerMain() {}

  public static void main(String[] args) throws Exception {
    MqttBroker broker = MqttBroker.builder().host("127.0.0.1").port(Integer.parseInt(args[0]))
        .receiveMaximum(1_000).maxQueuedMessages(10_000).build().start();
    System.out.println("Our broker listening on " + broker.uri());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }));
    stopped.await();
  }
}
