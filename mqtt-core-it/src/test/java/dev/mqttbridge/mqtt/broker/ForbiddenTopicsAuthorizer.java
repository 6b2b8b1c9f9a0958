package dev.mqttbridge.mqtt.broker;

/**
 * Refuses publishing to and subscribing under {@code forbidden/}, allows everything else: the
 * authorisation the client-library ITs check refusals against.
 */
final class ForbiddenTopicsAuthorizer implements Authorizer {

  static final String PREFIX = "forbidden/";

  @Override
  public boolean mayPublish(ClientIdentity client, String topic) {
    return !topic.startsWith(PREFIX);
  }

  @Override
  public boolean maySubscribe(ClientIdentity client, String topicFilter) {
    return !topicFilter.startsWith(PREFIX);
  }
}
