package dev.mqttbridge.camel;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send and receive MQTT 5, 3.1.1 and 3.1 messages; the consumer acknowledges a message only once
 * its exchange is done.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "mqtt", title = "MQTT", syntax = "mqtt:topic",
    category = {Category.MESSAGING, Category.IOT}, headersClass = MqttConstants.class)
public class MqttEndpoint extends DefaultEndpoint implements HeaderFilterStrategyAware {

  @UriPath
  @Metadata(required = true)
  private final String topic;
  @UriParam
  private final MqttConfiguration configuration;
  @UriParam(label = "advanced")
  private HeaderFilterStrategy headerFilterStrategy = new MqttHeaderFilterStrategy();

  public MqttEndpoint(String uri, String topic, MqttComponent component,
      MqttConfiguration configuration) {
    super(uri, component);
    this.topic = topic;
    this.configuration = configuration;
  }

  @Override
  public MqttComponent getComponent() {
    return (MqttComponent) super.getComponent();
  }

  @Override
  public Producer createProducer() throws Exception {
    return new MqttProducer(this);
  }

  @Override
  public Consumer createConsumer(Processor processor) throws Exception {
    MqttConsumer consumer = new MqttConsumer(this, processor);
    configureConsumer(consumer);
    return consumer;
  }

  /**
   * The topic: for the consumer a topic filter, whose levels may be named captures such as {site}
   * (subscribed as a single-level wildcard, the matched level set as a header of that name); for the
   * producer the topic name to publish to.
   */
  public String getTopic() {
    return topic;
  }

  public MqttConfiguration getConfiguration() {
    return configuration;
  }

  @Override
  public HeaderFilterStrategy getHeaderFilterStrategy() {
    return headerFilterStrategy;
  }

  /**
   * Which headers the producer sends as MQTT 5 user properties and which received user properties
   * the consumer sets as headers (default: all but Camel's own).
   */
  @Override
  public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
    this.headerFilterStrategy = headerFilterStrategy;
  }
}
