package dev.mqttbridge.camel;

import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Which Camel headers become MQTT 5 user properties (producer) and which user properties become
 * headers (consumer): everything except Camel's own {@code Camel*} / {@code org.apache.camel.*}
 * headers.
 */
public class MqttHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

  public MqttHeaderFilterStrategy() {
    setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
    setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
  }
}
