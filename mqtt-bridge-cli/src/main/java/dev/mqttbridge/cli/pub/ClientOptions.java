package dev.mqttbridge.cli.pub;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientBuilder;
import dev.mqttbridge.mqtt.client.MqttReconnectPolicy;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
      description = "mqtt://[user[:password]@]host[:port]/topic instead of -h, -p, -u, -P, -t;"
          + " mqtts:// for TLS, ws:// or wss:// for MQTT over WebSocket (path /mqtt).")
  String url;

  @Option(names = "-x", paramLabel = "SECONDS",
      description = "MQTT 5 session expiry interval: 0 to 4294967294 seconds, or -1 (or 4294967295)"
          + " for a session that never expires (default: 0; -1 with sub -c).")
  String sessionExpiry;

  @Option(names = "-d", description = "Print debug lines about the connection and each packet.")
  boolean debug;

  @Option(names = "--cafile", paramLabel = "FILE",
      description = "PEM file of CA certificates to trust; turns TLS on (default port 8883).")
  Path caFile;

  @Option(names = "--cert", paramLabel = "FILE",
      description = "PEM client certificate for mutual TLS (with --key).")
  Path certFile;

  @Option(names = "--key", paramLabel = "FILE",
      description = "PEM private key of --cert: PKCS#8, RSA PKCS#1 or EC SEC1, encrypted or not.")
  Path keyFile;

  @Option(names = "--key-password", paramLabel = "PASSWORD",
      description = "Password of an encrypted --key.")
  String keyPassword;

  @Option(names = "--insecure",
      description = "Do not check that the server certificate names the host (unsafe; for tests).")
  boolean insecure;

  @Option(names = "--alpn", paramLabel = "PROTOCOL",
      description = "ALPN protocol to offer, e.g. x-amzn-mqtt-ca; turns TLS on.")
  String alpn;

  @Option(names = "--tls-version", paramLabel = "VERSION",
      description = "tlsv1.3 or tlsv1.2 only (default: both); turns TLS on.")
  String tlsVersion;

  @Option(names = "-D", arity = "3..4", paramLabel = "PROPERTY",
      description = "MQTT 5 property: -D COMMAND NAME VALUE, e.g. -D publish user-property key "
          + "value, -D connect session-expiry-interval 60.")
  List<String> properties = new ArrayList<>();

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  /** Whether -L named an mqtts:// or wss:// URL. */
  private boolean urlTls;
  /** Whether -L named a ws:// or wss:// URL. */
  private boolean urlWebSocket;

  /** The topic named by {@code -L}, or null. Also fills host, port and credentials from it. */
  String applyUrl() {
    if (url == null) {
      return null;
    }
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    switch (scheme) {
      case "mqtt", "tcp" -> { }
      case "mqtts" -> urlTls = true;
      case "ws" -> urlWebSocket = true;
      case "wss" -> {
        urlWebSocket = true;
        urlTls = true;
      }
      default -> throw new IllegalArgumentException("Unsupported URL scheme in -L " + url
          + ": expected mqtt://, mqtts://, ws:// or wss://");
    }
    host = uri.getHost();
    if (uri.getPort() > 0) {
      port = uri.getPort();
    } else if (urlWebSocket) {
      port = urlTls ? 443 : 80;
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

  /** Whether -x was given. */
  public boolean sessionExpiryGiven() {
    return sessionExpiry != null;
  }

  /** Whether -d was given. */
  public boolean debug() {
    return debug;
  }

  /** The -x value in seconds; -1, 4294967295 and ∞ mean never expires (4294967295). */
  long sessionExpiryInterval() {
    String text = sessionExpiry.trim();
    if (text.equals("-1") || text.equals("∞")) {
      return 0xFFFF_FFFFL;
    }
    try {
      long seconds = Long.parseLong(text);
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-x must be 0 to 4294967295 seconds or -1: " + text);
    }
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
    boolean tls = usesTls();
    String scheme = urlWebSocket ? (tls ? "wss://" : "ws://") : (tls ? "ssl://" : "tcp://");
    MqttClientBuilder builder = MqttClient.builder()
        .serverUri(scheme + (host == null ? "localhost" : host) + ":"
            + (port == null ? (tls ? 8883 : 1883) : port) + (urlWebSocket ? "/mqtt" : ""))
        .version(version).clientId(id).keepAlive(keepAlive)
        .username(username).password(password)
        .connectTimeout(Duration.ofSeconds(10))
        .reconnectPolicy(MqttReconnectPolicy.DISABLED);
    if (tls) {
      builder.tls(tlsConfig());
    }
    MqttProperty.applyConnect(mqttProperties, builder);
    if (sessionExpiry != null) {
      if (!version.isMqtt5()) {
        throw new IllegalArgumentException("-x (session expiry) needs -V 5");
      }
      builder.sessionExpiryInterval(sessionExpiryInterval());
    }
    return builder;
  }

  /** Like mosquitto_pub: any TLS flag, or an mqtts:// URL, means TLS. */
  private boolean usesTls() {
    return urlTls || caFile != null || certFile != null || insecure || alpn != null || tlsVersion != null;
  }

  private MqttTlsConfig tlsConfig() {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("--cert and --key go together");
    }
    MqttTlsConfig.Builder tls = MqttTlsConfig.builder().hostnameVerification(!insecure);
    if (caFile != null) {
      tls.trustedCertificates(caFile);
    }
    if (certFile != null) {
      tls.clientCertificate(certFile, keyFile, keyPassword == null ? null : keyPassword.toCharArray());
    }
    if (alpn != null) {
      tls.alpnProtocols(List.of(alpn));
    }
    if (tlsVersion != null) {
      tls.protocols(List.of(switch (tlsVersion.toLowerCase()) {
        case "tlsv1.3" -> "TLSv1.3";
        case "tlsv1.2" -> "TLSv1.2";
        default -> throw new IllegalArgumentException("--tls-version must be tlsv1.3 or tlsv1.2: " + tlsVersion);
      }));
    }
    return tls.build();
  }

  /** Converts mosquitto's version spellings. */
  static final class VersionConverter implements ITypeConverter<MqttVersion> {
    @Override
    public MqttVersion convert(String value) {
      return MqttVersion.fromString(value);
    }
  }
}
