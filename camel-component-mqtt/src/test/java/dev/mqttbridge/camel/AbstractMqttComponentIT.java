package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.awaitility.Awaitility.await;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.test.proxy.FaultProxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The component's behaviour against a real broker; subclasses say which. Each test adds its own
 * routes on topics of its own, and talks to the broker through a peer client of its own.
 */
abstract class AbstractMqttComponentIT extends CamelTestSupport {

  protected static final Duration WAIT = Duration.ofSeconds(20);

  private final List<MqttClient> peers = new ArrayList<>();

  /** The broker's {@code tcp://} URI. */
  protected abstract String brokerUri();

  @Override
  protected CamelContext createCamelContext() throws Exception {
    CamelContext camelContext = super.createCamelContext();
    MqttComponent mqtt = new MqttComponent();
    mqtt.getConfiguration().setServerUris(brokerUri());
    camelContext.addComponent("mqtt", mqtt);
    TestHealthChecks.enableConsumerAndProducerChecks(camelContext);
    return camelContext;
  }

  @AfterEach
  void closePeers() {
    peers.forEach(MqttClient::close);
  }

  /** A connected peer client. */
  protected MqttClient peer(MqttVersion version) {
    MqttClient client = MqttClient.builder().serverUri(brokerUri()).version(version)
        .clientId("peer-" + peers.size() + "-" + System.nanoTime() % 100_000).build();
    peers.add(client);
    client.connect().orTimeout(20, TimeUnit.SECONDS).join();
    return client;
  }

  /** Messages a peer receives on a filter. */
  protected BlockingQueue<MqttReceivedMessage> subscribe(MqttClient client, String filter) {
    BlockingQueue<MqttReceivedMessage> received = new LinkedBlockingQueue<>();
    MqttSubscription subscription = MqttSubscription.builder(filter).qos(MqttQos.EXACTLY_ONCE)
        .retainAsPublished(true).build();
    assertThat(client.subscribe(subscription, received::add).orTimeout(20, TimeUnit.SECONDS).join().isSuccess()).isTrue();
    return received;
  }

  protected void addRoutes(RouteBuilder builder) throws Exception {
    context.addRoutes(builder);
  }

  @Test
  void consumer_mqtt5MessageWithProperties_oneExchangeWithEveryHeaderAndCapture() throws Exception {
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:plant/{site}/{line}/#?qos=2").to("mock:consumed");
      }
    });
    MockEndpoint consumed = getMockEndpoint("mock:consumed");
    consumed.expectedMessageCount(1);

    peer(MqttVersion.V5).publish(MqttMessage.builder("plant/berlin/line1/temperature")
        .payload("21.5").qos(1).contentType("text/plain").responseTopic("plant/replies")
        .correlationData(new byte[] {1, 2, 3}).messageExpiryInterval(3600)
        .userProperty("unit", "celsius").userProperty("tag", "a").userProperty("tag", "b")
        .build()).orTimeout(20, TimeUnit.SECONDS).join();

    consumed.assertIsSatisfied(WAIT.toMillis());
    var in = consumed.getReceivedExchanges().get(0).getIn();
    assertThat(in.getBody(String.class)).isEqualTo("21.5");
    assertThat(in.getHeader(MqttConstants.TOPIC)).isEqualTo("plant/berlin/line1/temperature");
    assertThat(in.getHeader(MqttConstants.QOS)).isEqualTo(1);
    assertThat(in.getHeader(MqttConstants.RETAINED)).isEqualTo(false);
    assertThat(in.getHeader(MqttConstants.DUPLICATE)).isEqualTo(false);
    assertThat(in.getHeader(MqttConstants.CONTENT_TYPE)).isEqualTo("text/plain");
    assertThat(in.getHeader(MqttConstants.RESPONSE_TOPIC)).isEqualTo("plant/replies");
    assertThat(in.getHeader(MqttConstants.CORRELATION_DATA, byte[].class))
        .containsExactly(1, 2, 3);
    assertThat(in.getHeader(MqttConstants.PAYLOAD_FORMAT)).isEqualTo(1);
    assertThat(in.getHeader(MqttConstants.MESSAGE_EXPIRY, Long.class)).isBetween(3500L, 3600L);
    assertThat(in.getHeader(MqttConstants.USER_PROPERTIES)).asInstanceOf(LIST).containsExactly(
        MqttUserProperty.of("unit", "celsius"), MqttUserProperty.of("tag", "a"),
        MqttUserProperty.of("tag", "b"));
    assertThat(in.getHeader("unit")).isEqualTo("celsius");
    assertThat(in.getHeader("tag")).asInstanceOf(LIST).containsExactly("a", "b");
    assertThat(in.getHeader("site")).isEqualTo("berlin");
    assertThat(in.getHeader("line")).isEqualTo("line1");
  }

  @Test
  void consumer_retainedMessage_deliveredOnSubscribeWithRetainedHeader() throws Exception {
    peer(MqttVersion.V5).publish(MqttMessage.builder("retained/state").payload("on").qos(1)
        .retain(true).build()).orTimeout(20, TimeUnit.SECONDS).join();
    MockEndpoint consumed = getMockEndpoint("mock:retained");
    consumed.expectedBodiesReceived("on");
    consumed.expectedHeaderReceived(MqttConstants.RETAINED, true);
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:retained/+").convertBodyTo(String.class).to("mock:retained");
      }
    });
    consumed.assertIsSatisfied(WAIT.toMillis());
    peer(MqttVersion.V5).publish(MqttMessage.builder("retained/state").qos(1).retain(true)
        .build()).orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void producer_stringBodyAndHeaders_publishedWithQosRetainAndMqtt5Properties() throws Exception {
    BlockingQueue<MqttReceivedMessage> received = subscribe(peer(MqttVersion.V5), "out/#");
    Map<String, Object> headers = new HashMap<>();
    headers.put(MqttConstants.QOS, 2);
    headers.put(MqttConstants.CONTENT_TYPE, "application/json");
    headers.put(MqttConstants.MESSAGE_EXPIRY, 120L);
    headers.put(MqttConstants.CORRELATION_DATA, new byte[] {9});
    headers.put("unit", "celsius");
    headers.put("CamelInternal", "not sent");

    template.sendBodyAndHeaders("mqtt:out/json", "{\"t\":21}", headers);

    MqttReceivedMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(message).isNotNull();
    assertThat(message.message().topic()).isEqualTo("out/json");
    assertThat(message.message().payloadAsString()).isEqualTo("{\"t\":21}");
    assertThat(message.message().qos()).isEqualTo(MqttQos.EXACTLY_ONCE);
    assertThat(message.message().contentType()).isEqualTo("application/json");
    assertThat(message.message().isPayloadUtf8()).isTrue();
    assertThat(message.message().correlationData()).containsExactly(9);
    assertThat(message.message().messageExpiryInterval()).isPresent();
    assertThat(message.message().userProperties())
        .containsExactly(MqttUserProperty.of("unit", "celsius"));
  }

  @Test
  void producer_overrideTopicAndConvertedBody_publishedToOverrideTopicAsBytes() throws Exception {
    BlockingQueue<MqttReceivedMessage> received = subscribe(peer(MqttVersion.V5), "override/#");

    template.sendBodyAndHeader("mqtt:override/endpoint?qos=1&retained=true", 42,
        MqttConstants.OVERRIDE_TOPIC, "override/header");
    template.sendBody("mqtt:override/bytes", new byte[] {0, 1, 2});

    MqttReceivedMessage first = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(first.message().topic()).isEqualTo("override/header");
    assertThat(first.message().payloadAsString()).isEqualTo("42");
    assertThat(first.message().isRetain()).isTrue();
    MqttReceivedMessage second = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(second.message().topic()).isEqualTo("override/bytes");
    assertThat(second.message().payload()).containsExactly(0, 1, 2);
    peer(MqttVersion.V5).publish(MqttMessage.builder("override/header").qos(1).retain(true)
        .build()).orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void mqttToMqttRoute_consumerTopicHeader_doesNotRedirectTheProducer() throws Exception {
    BlockingQueue<MqttReceivedMessage> received = subscribe(peer(MqttVersion.V5), "bridge/#");
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:bridge/in").to("mqtt:bridge/out");
      }
    });
    peer(MqttVersion.V5).publish(MqttMessage.builder("bridge/in").payload("x").qos(1).build())
        .orTimeout(20, TimeUnit.SECONDS).join();
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      topics.add(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS).message().topic());
    }
    assertThat(topics).containsExactlyInAnyOrder("bridge/in", "bridge/out");
    assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void mqtt311_consumerAndProducer_roundTrip() throws Exception {
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:v311/{device}?mqttVersion=3.1.1").to("mock:v311");
      }
    });
    MockEndpoint consumed = getMockEndpoint("mock:v311");
    consumed.expectedBodiesReceived("hello");
    consumed.expectedHeaderReceived("device", "d1");
    template.sendBody("mqtt:v311/d1?mqttVersion=3.1.1", "hello");
    consumed.assertIsSatisfied(WAIT.toMillis());
  }

  @Test
  void inOut_routeAnswers_replyReturnedThroughResponseTopic() throws Exception {
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:service/echo").convertBodyTo(String.class).setBody(simple("echo:${body}"));
      }
    });
    Object reply = template.requestBody("mqtt:service/echo?requestTimeout=10000", "hi");
    assertThat(reply).isInstanceOf(byte[].class);
    assertThat(new String((byte[]) reply, StandardCharsets.UTF_8)).isEqualTo("echo:hi");
  }

  @Test
  void inOut_nobodyAnswers_failsWithTimeout() {
    assertThatThrownBy(
        () -> template.requestBody("mqtt:service/nobody?requestTimeout=300", "hi"))
        .isInstanceOf(CamelExecutionException.class)
        .hasCauseInstanceOf(ExchangeTimedOutException.class);
  }

  @Test
  void failingRoute_defaultMode_deadLetterChannelGetsEachFailureAndNothingIsLost()
      throws Exception {
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        errorHandler(deadLetterChannel("mock:dead"));
        from("mqtt:fail/default?clientId=camel-fail-default&cleanStart=false"
            + "&sessionExpiryInterval=60")
            .routeId("failDefault")
            .convertBodyTo(String.class)
            .filter(simple("${body} regex '.*[13579]'"))
              .throwException(new IllegalStateException("odd"))
            .end()
            .to("mock:ok");
      }
    });
    MockEndpoint ok = getMockEndpoint("mock:ok");
    MockEndpoint dead = getMockEndpoint("mock:dead");
    ok.expectedMessageCount(10);
    dead.expectedMessageCount(10);
    MqttClient publisher = peer(MqttVersion.V5);
    for (int i = 0; i < 20; i++) {
      publisher.publish(MqttMessage.builder("fail/default").payload("m" + i).qos(1).build())
          .orTimeout(20, TimeUnit.SECONDS).join();
    }
    MockEndpoint.assertIsSatisfied(WAIT.toMillis(), TimeUnit.MILLISECONDS, ok, dead);

    // Everything was acknowledged: a restart of the route (same session) gets nothing again.
    context.getRouteController().stopRoute("failDefault");
    context.getRouteController().startRoute("failDefault");
    Thread.sleep(1_000);
    assertThat(ok.getReceivedCounter() + dead.getReceivedCounter()).isEqualTo(20);
  }

  @Test
  void failingRoute_brokerRedelivery_redeliversUntilSuccessAndDeadLettersPoison()
      throws Exception {
    assertRedeliveredUntilSuccessAndPoisonDeadLettered(1);
  }

  @Test
  void failingRoute_brokerRedeliveryAtQos2_redeliversUntilSuccessAndDeadLettersPoison()
      throws Exception {
    // Unacknowledged at QoS 2 means no PUBREC yet: the broker must send the PUBLISH again.
    assertRedeliveredUntilSuccessAndPoisonDeadLettered(2);
  }

  private void assertRedeliveredUntilSuccessAndPoisonDeadLettered(int qos) throws Exception {
    AtomicInteger flakyAttempts = new AtomicInteger();
    AtomicInteger poisonAttempts = new AtomicInteger();
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:fail/redelivery" + qos + "?clientId=camel-fail-redelivery" + qos
            + "&sessionExpiryInterval=60&qos=" + qos
            + "&brokerRedelivery=true&redeliveryDelay=200&maximumRedeliveries=2"
            + "&deadLetterUri=mock:poison")
            .convertBodyTo(String.class)
            .process(exchange -> {
              String body = exchange.getIn().getBody(String.class);
              if (body.equals("flaky") && flakyAttempts.incrementAndGet() < 3) {
                throw new IllegalStateException("flaky fails twice");
              }
              if (body.equals("poison")) {
                poisonAttempts.incrementAndGet();
                throw new IllegalStateException("poison always fails");
              }
            })
            .to("mock:processed");
      }
    });
    MockEndpoint processed = getMockEndpoint("mock:processed");
    MockEndpoint poison = getMockEndpoint("mock:poison");
    processed.expectedBodiesReceivedInAnyOrder("flaky", "good");
    poison.expectedBodiesReceived("poison");
    MqttClient publisher = peer(MqttVersion.V5);
    for (String body : List.of("flaky", "poison", "good")) {
      publisher.publish(MqttMessage.builder("fail/redelivery" + qos).payload(body).qos(qos)
              .build())
          .orTimeout(20, TimeUnit.SECONDS).join();
    }

    MockEndpoint.assertIsSatisfied(WAIT.toMillis(), TimeUnit.MILLISECONDS, processed, poison);
    assertThat(flakyAttempts).hasValue(3);
    assertThat(poisonAttempts).hasValue(3);
    Exchange flaky = processed.getReceivedExchanges().stream()
        .filter(e -> "flaky".equals(e.getIn().getBody(String.class))).findFirst().orElseThrow();
    assertThat(flaky.getIn().getHeader(MqttConstants.REDELIVERY_COUNTER)).isEqualTo(2);
    assertThat(poison.getReceivedExchanges().get(0)
        .getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).hasMessage("poison always fails");
  }

  @Test
  void healthCheck_runningConsumerAndProducer_reportUp() throws Exception {
    addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:health/check").routeId("healthy").to("mock:health");
      }
    });
    template.sendBody("mqtt:health/out", "ping");
    HealthCheckRegistry registry = HealthCheckRegistry.get(context);
    assertThat(registry.stream().map(HealthCheck::getId))
        .contains("consumer:healthy").anyMatch(id -> id.startsWith("producer:mqtt-"));
    assertThat(HealthCheckHelper.invoke(context, "consumer:healthy", Map.of()))
        .hasValueSatisfying(r -> assertThat(r.getState()).isEqualTo(HealthCheck.State.UP));
    List<HealthCheck.Result> producers = registry.stream()
        .filter(c -> c.getId().startsWith("producer:mqtt-")).map(HealthCheck::call).toList();
    assertThat(producers).isNotEmpty()
        .allSatisfy(r -> assertThat(r.getState()).isEqualTo(HealthCheck.State.UP));
  }

  @Test
  void networkCut_consumerReconnectsAndResubscribesWithoutRouteRestart_healthDownThenUp()
      throws Exception {
    try (FaultProxy proxy = FaultProxy.start(URI.create(brokerUri()).getPort())) {
      Set<String> consumed = ConcurrentHashMap.newKeySet();
      addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from("mqtt:cut/{n}?clientId=camel-cut&cleanStart=false&sessionExpiryInterval=60"
              + "&maxReconnectDelay=500&serverUris=" + proxy.uri()).routeId("cut")
              .process(exchange -> consumed.add(exchange.getIn().getBody(String.class)));
        }
      });
      MqttClient publisher = peer(MqttVersion.V5);
      publisher.publish(MqttMessage.builder("cut/1").payload("before").qos(1).build()).orTimeout(20, TimeUnit.SECONDS).join();
      await().atMost(WAIT).until(() -> consumed.contains("before"));

      proxy.refuseNew(true);
      proxy.cutAll();
      await().atMost(WAIT).until(() -> consumerHealth("cut") == HealthCheck.State.DOWN);
      // Queued in the session while the consumer is away.
      publisher.publish(MqttMessage.builder("cut/2").payload("during").qos(1).build()).orTimeout(20, TimeUnit.SECONDS).join();
      proxy.passThrough();

      await().atMost(WAIT).until(() -> consumed.contains("during"));
      assertThat(consumerHealth("cut")).isEqualTo(HealthCheck.State.UP);
      publisher.publish(MqttMessage.builder("cut/3").payload("after").qos(1).build()).orTimeout(20, TimeUnit.SECONDS).join();
      await().atMost(WAIT).until(() -> consumed.contains("after"));
    }
  }

  @Test
  void networkCut_willOptions_brokerPublishesTheWill() throws Exception {
    BlockingQueue<MqttReceivedMessage> wills = subscribe(peer(MqttVersion.V5), "wills/#");
    try (FaultProxy proxy = FaultProxy.start(URI.create(brokerUri()).getPort())) {
      addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
          from("mqtt:will/topic?willTopic=wills/camel&willPayload=gone&willQos=1"
              + "&willRetained=false&automaticReconnect=false&serverUris=" + proxy.uri())
              .to("mock:will");
        }
      });
      proxy.cutAll();
      MqttReceivedMessage will = wills.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(will).isNotNull();
      assertThat(will.message().topic()).isEqualTo("wills/camel");
      assertThat(will.message().payloadAsString()).isEqualTo("gone");
    }
  }

  private HealthCheck.State consumerHealth(String routeId) {
    return HealthCheckHelper.invoke(context, "consumer:" + routeId, Map.of()).orElseThrow()
        .getState();
  }
}
