package dev.mqttbridge.camel;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code mqtt} component: MQTT 5, 3.1.1 and 3.1 on the mqtt-bridge client. Options set here
 * (for example {@code camel.component.mqtt.serverUris} in Camel Main) are the defaults of every
 * endpoint.
 */
@Component("mqtt")
public class MqttComponent extends HealthCheckComponent implements SSLContextParametersAware {

  @Metadata
  private MqttConfiguration configuration = new MqttConfiguration();
  @Metadata(label = "security", defaultValue = "false")
  private boolean useGlobalSslContextParameters;

  public MqttComponent() {
  }

  public MqttComponent(CamelContext context) {
    super(context);
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
      throws Exception {
    MqttConfiguration endpointConfiguration = configuration.copy();
    MqttEndpoint endpoint = new MqttEndpoint(uri, remaining, this, endpointConfiguration);
    setProperties(endpoint, parameters);
    if (endpointConfiguration.getSslContextParameters() == null) {
      endpointConfiguration.setSslContextParameters(retrieveGlobalSslContextParameters());
    }
    return endpoint;
  }

  public MqttConfiguration getConfiguration() {
    return configuration;
  }

  /** The shared configuration: the defaults of every endpoint of this component. */
  public void setConfiguration(MqttConfiguration configuration) {
    this.configuration = configuration;
  }

  @Override
  public boolean isUseGlobalSslContextParameters() {
    return useGlobalSslContextParameters;
  }

  /** Whether to use the global SSL context parameters of the Camel context. */
  @Override
  public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
    this.useGlobalSslContextParameters = useGlobalSslContextParameters;
  }
}
