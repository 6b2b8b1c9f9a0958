package dev.mqttbridge.benchmarks.broker;

import dev.mqttbridge.mqtt.internal.io.IoTransport;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs Moquette 0.17 in its own JVM as a {@link LoadTool} peer: in-memory (no persistence),
 * anonymous clients, {@code 127.0.0.1:PORT}, logging at WARN, on Netty's native epoll like our
 * broker (unless {@code -Dmqttbridge.transport=nio}). Stops on SIGTERM.
 *
 * <pre>
 * java -cp benchmarks.jar dev.mqttbridge.benchmarks.broker.MoquetteMain PORT
 * </pre>
 */
public final class MoquetteMain {

  private MoquetteMain() {}

  public static void main(String[] args) throws Exception {
    // Moquette logs every packet at INFO; a benchmark would measure the log (unless asked for).
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Properties properties = new Properties();
    properties.setProperty("host", "127.0.0.1");
    properties.setProperty("port", args[0]);
    properties.setProperty("allow_anonymous", "true");
    properties.setProperty("persistence_enabled", "false");
    properties.setProperty("netty.mqtt.message_size", Integer.toString(1024 * 1024));
    // The socket transport our broker and client would choose here (epoll: it is in this jar).
    properties.setProperty("netty.epoll",
        Boolean.toString(IoTransport.select().name().equals("epoll")));
    Server server = new Server();
    server.startServer(new MemoryConfig(properties));
    System.out.println("Moquette listening on 127.0.0.1:" + args[0]);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stopServer();
      stopped.countDown();
    }));
    stopped.await();
  }
}
