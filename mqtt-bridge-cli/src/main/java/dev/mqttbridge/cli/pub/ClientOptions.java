package dev.mqttbridge.cli.pub;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientBuilder;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The connection flags {@code pub} and {@code sub} share, spelled and defaulted as mosquitto_pub
 * and mosquitto_sub spell them (MQTT 3.1.1 unless {@code -V} says otherwise).
 */
public final class ClientOptions {

  @Option(names = "-h", paramLabel = "HOST", description = "Broker host (default: localhost).")
  String host;

  @Option(names = "-p", paramLabel = "PORT", description = "Broker port (default: 1883).")
  Integer port;

  @Option(names = "-V", paramLabel = "VERSION", converter = VersionConverter.class,
      description = "Protocol version: 5, 311 or 31 (also mqttv5, 3.1.1, 3.1; default: 311).")
  MqttVersion version = MqttVersion.V3_1_1;

  @Option(names = "-i", paramLabel = "ID", description = "Client id (default: generated).")
  String clientId;

  @Option(names = "-u", paramLabel = "USER", description = "User name.")
  String username;

  @Option(names = "-P", paramLabel = "PASSWORD", description = "Password.")
  String password;

  @Option(names = "-k", paramLabel = "SECONDS", description = "Keep alive (default: 60).")
  int keepAlive = 60;

  @Option(names = "-q", paramLabel = "QOS", description = "Quality of service 0, 1 or 2 (default: 0).")
  int qos;

  @Option(names = "-L", paramLabel = "URL",
      description = "mqtt://[user[:password]@]host[:port]/topic instead of -h, -p, -u, -P, -t.")
  String url;

  @Option(names = "-D", arity = "3..4", paramLabel = "PROPERTY",
      description = "MQTT 5 property: -D COMMAND NAME VALUE, e.g. -D publish user-property key "
          + "value, -D connect session-expiry-interval 60.")
  List<String> properties = new ArrayList<>();

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  /** The topic named by {@code -L}, or null. Also fills host, port and credentials from it. */
  String applyUrl() {
    if (url == null) {
      return null;
    }
    URI uri = URI.create(url);
    if (!"mqtt".equalsIgnoreCase(uri.getScheme()) && !"tcp".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("Unsupported URL scheme in -L " + url
          + ": expected mqtt://");
    }
    host = uri.getHost();
    if (uri.getPort() > 0) {
      port = uri.getPort();
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    String path = uri.getPath();
    if (path == null || path.length() <= 1) {
      throw new IllegalArgumentException("No topic in -L " + url);
    }
    return path.substring(1);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  MqttQos qos() {
    return MqttQos.of(qos);
  }

  /** The -q value. */
  public int qosCode() {
    return qos;
  }

  /** Whether no -i was given. */
  public boolean clientIdMissing() {
    return clientId == null;
  }

  /** The -D properties as (command, name, values) triples, checked against the version. */
  List<MqttProperty> mqttProperties() {
    List<MqttProperty> parsed = MqttProperty.parse(properties);
    if (!parsed.isEmpty() && !version.isMqtt5()) {
      throw new IllegalArgumentException("-D properties need -V 5");
    }
    return parsed;
  }

  /** A builder for a client with these options; connect-level -D properties applied. */
  MqttClientBuilder clientBuilder(List<MqttProperty> mqttProperties) {
    String id = clientId;
    if (id == null) {
      // Like mosquitto_pub/sub: a generated id (MQTT 3.1 has no server-assigned ids).
      id = "mqtt-bridge-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }
    MqttClientBuilder builder = MqttClient.builder()
        .serverUri("tcp://" + (host == null ? "localhost" : host) + ":"
            + (port == null ? 1883 : port))
        .version(version).clientId(id).keepAlive(keepAlive)
        .username(username).password(password)
        .connectTimeout(Duration.ofSeconds(10))
        .reconnectPolicy(MqttReconnectPolicy.DISABLED);
    MqttProperty.applyConnect(mqttProperties, builder);
    return builder;
  }

  /** Converts mosquitto's version spellings. */
  static final class VersionConverter implements ITypeConverter<MqttVersion> {
    @Override
    public MqttVersion convert(String value) {
      return MqttVersion.fromString(value);
    }
  }
}
