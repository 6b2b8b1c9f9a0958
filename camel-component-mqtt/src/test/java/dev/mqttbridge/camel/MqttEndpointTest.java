package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.test.Ports;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** Endpoint configuration and start-up checks; no broker runs here. */
class MqttEndpointTest extends CamelTestSupport {

  private final String unreachable = "tcp://127.0.0.1:" + Ports.freePort();

  @Override
  protected CamelContext createCamelContext() throws Exception {
    CamelContext camelContext = super.createCamelContext();
    HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
    registry.register(registry.resolveById("consumers"));
    camelContext.getRegistry().bind("ssl", new SSLContextParameters());
    return camelContext;
  }

  @Test
  void endpointUri_options_appliedToACopyOfTheComponentConfiguration() {
    MqttComponent component = context.getComponent("mqtt", MqttComponent.class);
    component.getConfiguration().setServerUris("tcp://a:1883,tcp://b:1883");
    component.getConfiguration().setKeepAliveInterval(30);

    MqttEndpoint endpoint = context.getEndpoint("mqtt:plant/{site}/#?qos=2&mqttVersion=3.1.1"
        + "&clientId=c1&password=RAW(s3cr3t)&brokerRedelivery=true&maximumRedeliveries=7"
        + "&willTopic=status/c1&willPayload=offline&requestTimeout=5000", MqttEndpoint.class);

    MqttConfiguration configuration = endpoint.getConfiguration();
    assertThat(endpoint.getTopic()).isEqualTo("plant/{site}/#");
    assertThat(configuration.getServerUris()).isEqualTo("tcp://a:1883,tcp://b:1883");
    assertThat(configuration.getKeepAliveInterval()).isEqualTo(30);
    assertThat(configuration.getQos()).isEqualTo(2);
    assertThat(configuration.getMqttVersion()).isEqualTo("3.1.1");
    assertThat(configuration.getPassword()).isEqualTo("s3cr3t");
    assertThat(configuration.isBrokerRedelivery()).isTrue();
    assertThat(configuration.getMaximumRedeliveries()).isEqualTo(7);
    assertThat(configuration.getWillTopic()).isEqualTo("status/c1");
    assertThat(configuration.getRequestTimeout()).isEqualTo(5000);
    assertThat(component.getConfiguration().getQos()).isEqualTo(1);
    assertThat(component.getConfiguration()).isNotSameAs(configuration);
  }

  @Test
  void endpointUriFactory_generated_buildsUriWithSecretsAndPath() throws Exception {
    EndpointUriFactory factory = context.getCamelContextExtension().getEndpointUriFactory("mqtt");
    assertThat(factory.isEnabled("mqtt")).isTrue();
    assertThat(factory.secretPropertyNames()).contains("password", "userName");
    assertThat(factory.buildUri("mqtt", Map.of("topic", "a/b", "qos", 2), false))
        .isEqualTo("mqtt:a/b?qos=2");
  }

  @Test
  void consumer_brokerUnreachable_routeStartsAndHealthCheckSaysDownWithReason() throws Exception {
    context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:down/topic?connectionTimeout=2&serverUris=" + unreachable).routeId("down")
            .to("mock:never");
      }
    });
    assertThat(context.getRouteController().getRouteStatus("down").isStarted()).isTrue();
    HealthCheck.Result result =
        HealthCheckHelper.invoke(context, "consumer:down", Map.of()).orElseThrow();
    assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
    assertThat(result.getMessage()).hasValueSatisfying(
        message -> assertThat(message).contains("Not connected"));
  }

  @Test
  void producer_brokerUnreachable_startsAndFailsExchangesFastSayingWhy() {
    assertThatThrownBy(() -> template.sendBody(
        "mqtt:up/topic?connectionTimeout=2&serverUris=" + unreachable, "x"))
        .hasRootCauseInstanceOf(java.net.ConnectException.class)
        .hasStackTraceContaining("Not connected to " + unreachable + " yet");
  }

  @Test
  void producer_brokerUnreachableWithoutAutomaticReconnect_refusesToStart() {
    assertThatThrownBy(() -> template.sendBody("mqtt:up/topic?connectionTimeout=2"
        + "&automaticReconnect=false&serverUris=" + unreachable, "x"))
        .hasStackTraceContaining("MqttConnectException");
  }

  @Test
  void consumer_brokerRedeliveryWithoutResumableSession_refusesToStart() {
    assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:x?brokerRedelivery=true&serverUris=" + unreachable).to("mock:never");
      }
    })).hasStackTraceContaining("sessionExpiryInterval above 0");
  }

  @Test
  void consumer_sslContextParametersWithTcpUri_refusedRatherThanConnectedInPlainText() {
    assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:x?sslContextParameters=#ssl&serverUris=ssl://127.0.0.1:8883,"
            + unreachable).to("mock:never");
      }
    })).hasStackTraceContaining("sslContextParameters is set, but [" + unreachable
        + "] would connect in plain text");
  }

  @Test
  void producer_sslContextParametersWithMissingKeyStore_refusedNamingTheResource() {
    KeyStoreParameters keyStore = new KeyStoreParameters();
    keyStore.setResource("file:/nonexistent/client.p12");
    keyStore.setPassword("changeit");
    KeyManagersParameters keyManagers = new KeyManagersParameters();
    keyManagers.setKeyStore(keyStore);
    keyManagers.setKeyPassword("changeit");
    SSLContextParameters parameters = new SSLContextParameters();
    parameters.setKeyManagers(keyManagers);
    context.getRegistry().bind("missingKeyStore", parameters);

    assertThatThrownBy(() -> template.sendBody("mqtt:x?sslContextParameters=#missingKeyStore"
        + "&serverUris=ssl://127.0.0.1:" + Ports.freePort(), "never sent"))
        .hasStackTraceContaining("Cannot create the SSLContext from sslContextParameters")
        .hasStackTraceContaining("/nonexistent/client.p12");
  }

  @Test
  void mqttVersion_unknownSpelling_refusedNamingTheAcceptedOnes() {
    assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("mqtt:x?mqttVersion=4&serverUris=" + unreachable).to("mock:never");
      }
    })).hasStackTraceContaining("expected one of 5, 3.1.1, 3.1");
  }
}
