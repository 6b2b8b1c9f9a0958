package dev.mqttbridge.test.broker;

import dev.mqttbridge.mqtt.broker.MqttBroker;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives a test class a started embedded {@link MqttBroker} on a free
 * loopback port.
 *
 * <p>As a static field, one broker serves the whole class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create();
 *
 * @Test
 * void publishes() {
 *   connectTo(BROKER.uri()); // tcp://127.0.0.1:PORT
 * }
 * }</pre>
 *
 * <p>As an instance field, each test gets a fresh broker. With {@code
 * @ExtendWith(EmbeddedMqttBroker.class)} the class gets a default broker, and test methods,
 * constructors and lifecycle methods may declare a parameter of type {@link MqttBroker} or
 * {@link URI} (the broker's {@code tcp://} URI). Configure it with {@link #create(Consumer)}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedMqttBroker BROKER = EmbeddedMqttBroker.create(b -> b.maxKeepAlive(10));
 * }</pre>
 */
public final class EmbeddedMqttBroker
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

  private final Consumer<MqttBroker.Builder> configuration;
  private MqttBroker broker;
  /** The class context that started the broker; nested classes reuse it without stopping it. */
  private String classContextId;

  /** The extension with a default broker; for {@code @ExtendWith}. */
  public EmbeddedMqttBroker() {
    this(builder -> { });
  }

  private EmbeddedMqttBroker(Consumer<MqttBroker.Builder> configuration) {
    this.configuration = Objects.requireNonNull(configuration, "configuration");
  }

  /** A default broker: 127.0.0.1, free port, everything allowed. */
  public static EmbeddedMqttBroker create() {
    return new EmbeddedMqttBroker();
  }

  /**
   * A broker configured by the caller; the host and port are then set to 127.0.0.1 and a free
   * port unless the configuration adds its own listener.
   */
  public static EmbeddedMqttBroker create(Consumer<MqttBroker.Builder> configuration) {
    return new EmbeddedMqttBroker(configuration);
  }

  /**
   * The running broker.
   *
   * @throws IllegalStateException outside the tests it serves
   */
  public MqttBroker broker() {
    if (broker == null) {
      throw new IllegalStateException("The broker runs only while the tests it serves run");
    }
    return broker;
  }

  /** The broker's port. */
  public int port() {
    return broker().port();
  }

  /** The broker's host, {@code 127.0.0.1} unless configured otherwise. */
  public String host() {
    return broker().host();
  }

  /** The broker's URI, {@code tcp://127.0.0.1:PORT}. */
  public URI uri() {
    return URI.create(broker().uri());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (classContextId == null) {
      classContextId = context.getUniqueId();
      start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(classContextId)) {
      stop();
      classContextId = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (classContextId == null) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (classContextId == null) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MqttBroker.class || type == URI.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (broker == null) {
      start(); // a constructor parameter of a per-method instance, before beforeEach
    }
    return parameter.getParameter().getType() == URI.class ? uri() : broker;
  }

  private void start() {
    if (broker != null) {
      return;
    }
    MqttBroker.Builder builder = MqttBroker.builder().host("127.0.0.1").port(0);
    configuration.accept(builder);
    broker = builder.build().start();
  }

  private void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
