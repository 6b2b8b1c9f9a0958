package dev.mqttbridge.cli.pub;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.client.MqttConnectResult;
import dev.mqttbridge.mqtt.client.MqttPublishResult;
import dev.mqttbridge.mqtt.client.MqttReceivedMessage;
import dev.mqttbridge.mqtt.client.MqttSubscribeResult;
import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code -d} lines, worded as mosquitto_pub and mosquitto_sub word theirs ("Client ID sending
 * CONNECT", "Client ID received SUBACK", ...) and printed on standard output as they do. Built
 * from what the client reports (the CONNACK, SUBACK and flow results, received messages), so
 * packet identifiers are not shown. Does nothing unless enabled.
 */
public final class DebugPrinter {

  private final PrintWriter out;
  private final boolean enabled;
  private volatile String clientId = "";

  public DebugPrinter(PrintWriter out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  /** The client id the lines name (the server's choice once known). */
  public void clientId(String clientId) {
    this.clientId = clientId == null ? "" : clientId;
  }

  public void sendingConnect() {
    line("sending CONNECT");
  }

  public void connected(MqttConnectResult result) {
    clientId(result.clientId());
    line("received CONNACK (" + result.reasonCode().value() + ")");
  }

  public void sendingSubscribe(List<MqttSubscription> subscriptions) {
    for (MqttSubscription s : subscriptions) {
      line("sending SUBSCRIBE (Topic: " + s.topicFilter() + ", QoS: " + s.qos().code() + ")");
    }
  }

  public void subscribed(MqttSubscribeResult result) {
    line("received SUBACK");
    print("Subscribed: " + String.join(", ", result.reasonCodes().stream()
        .map(code -> Integer.toString(code.value())).toList()));
  }

  public void sendingPublish(MqttMessage message) {
    line("sending PUBLISH " + describe(false, message));
  }

  public void published(MqttPublishResult result) {
    String ack = switch (result.message().qos()) {
      case AT_MOST_ONCE -> null;
      case AT_LEAST_ONCE -> "PUBACK";
      case EXACTLY_ONCE -> "PUBCOMP";
    };
    if (ack != null) {
      line("received " + ack + " (RC:" + result.reasonCode().value() + ")");
    }
  }

  public void received(MqttReceivedMessage received) {
    line("received PUBLISH " + describe(received.isDuplicate(), received.message()));
  }

  public void sendingDisconnect() {
    line("sending DISCONNECT");
  }

  private static String describe(boolean duplicate, MqttMessage message) {
    return "(d" + (duplicate ? 1 : 0) + ", q" + message.qos().code() + ", r"
        + (message.isRetain() ? 1 : 0) + ", '" + message.topic() + "', ... ("
        + message.payloadSize() + " bytes))";
  }

  private void line(String what) {
    print("Client " + clientId + " " + what);
  }

  private void print(String text) {
    if (!enabled) {
      return;
    }
    synchronized (out) {
      out.println(text);
      out.flush();
    }
  }
}
