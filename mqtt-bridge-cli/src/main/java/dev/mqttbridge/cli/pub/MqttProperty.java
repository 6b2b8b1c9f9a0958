package dev.mqttbridge.cli.pub;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.client.MqttClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code -D COMMAND NAME VALUE...} flag, as mosquitto_pub/sub take them: {@code user-property}
 * has two values (key, value), every other property one.
 *
 * @param command connect or publish
 * @param name the property name, e.g. user-property
 * @param values its values
 */
record MqttProperty(String command, String name, List<String> values) {

  /** Splits the flat tokens picocli collected from every -D. */
  static List<MqttProperty> parse(List<String> tokens) {
    List<MqttProperty> parsed = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      if (i + 2 >= tokens.size()) {
        throw new IllegalArgumentException("Incomplete -D " + String.join(" ", tokens.subList(i,
            tokens.size())));
      }
      String command = tokens.get(i);
      String name = tokens.get(i + 1);
      int count = name.equals("user-property") ? 2 : 1;
      if (i + 2 + count > tokens.size()) {
        throw new IllegalArgumentException("-D " + command + " " + name + " needs " + count
            + " value(s)");
      }
      parsed.add(new MqttProperty(command, name, tokens.subList(i + 2, i + 2 + count)));
      i += 2 + count;
    }
    return parsed;
  }

  static void applyConnect(List<MqttProperty> properties, MqttClientBuilder builder) {
    List<MqttUserProperty> userProperties = new ArrayList<>();
    for (MqttProperty p : properties) {
      if (!p.command.equals("connect")) {
        continue;
      }
      String value = p.values.get(0);
      switch (p.name) {
        case "user-property" -> userProperties.add(MqttUserProperty.of(value, p.values.get(1)));
        case "session-expiry-interval" -> builder.sessionExpiryInterval(Long.parseLong(value));
        case "receive-maximum" -> builder.receiveMaximum(Integer.parseInt(value));
        case "maximum-packet-size" -> builder.maximumPacketSize(Integer.parseInt(value));
        case "topic-alias-maximum" -> builder.topicAliasMaximum(Integer.parseInt(value));
        case "request-problem-information" ->
            builder.requestProblemInformation(!value.equals("0"));
        case "request-response-information" ->
            builder.requestResponseInformation(!value.equals("0"));
        default -> throw new IllegalArgumentException("Unsupported property -D connect " + p.name);
      }
    }
    builder.userProperties(userProperties);
  }

  static MqttMessage.Builder applyPublish(List<MqttProperty> properties,
      MqttMessage.Builder message) {
    for (MqttProperty p : properties) {
      if (!p.command.equals("publish")) {
        continue;
      }
      String value = p.values.get(0);
      switch (p.name) {
        case "user-property" -> message.userProperty(value, p.values.get(1));
        case "content-type" -> message.contentType(value);
        case "response-topic" -> message.responseTopic(value);
        case "correlation-data" ->
            message.correlationData(value.getBytes(StandardCharsets.UTF_8));
        case "message-expiry-interval" -> message.messageExpiryInterval(Long.parseLong(value));
        case "payload-format-indicator" -> message.payloadUtf8(!value.equals("0"));
        default -> throw new IllegalArgumentException("Unsupported property -D publish " + p.name);
      }
    }
    return message;
  }

  /**
   * The user properties of {@code command} (e.g. subscribe), the only property this tool sends in
   * that packet.
   */
  static List<MqttUserProperty> userProperties(List<MqttProperty> properties, String command) {
    List<MqttUserProperty> userProperties = new ArrayList<>();
    for (MqttProperty p : properties) {
      if (!p.command.equals(command)) {
        continue;
      }
      if (!p.name.equals("user-property")) {
        throw new IllegalArgumentException("Unsupported property -D " + command + " " + p.name
            + ": only user-property");
      }
      userProperties.add(MqttUserProperty.of(p.values.get(0), p.values.get(1)));
    }
    return userProperties;
  }

  /** Rejects commands this tool does not send. */
  static void requireCommands(List<MqttProperty> properties, List<String> allowed) {
    for (MqttProperty p : properties) {
      if (!allowed.contains(p.command)) {
        throw new IllegalArgumentException("Unsupported -D command '" + p.command
            + "': expected one of " + allowed);
      }
    }
  }
}
