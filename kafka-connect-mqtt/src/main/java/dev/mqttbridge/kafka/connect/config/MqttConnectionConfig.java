package dev.mqttbridge.kafka.connect.config;

import dev.mqttbridge.mqtt.MqttVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The MQTT connection settings shared by the source and sink connectors: servers, protocol
 * version, client id, credentials and TLS. {@link #define(ConfigDef)} adds the keys to a side's
 * {@code ConfigDef}; an instance reads them back typed.
 */
public final class MqttConnectionConfig {

  public static final String CONNECTION_GROUP = "MQTT connection";

  public static final String SERVER_URIS_CONFIG = "mqtt.server.uris";
  private static final String SERVER_URIS_DOC = "MQTT servers as tcp://host:port (mqtt:// is a"
      + " synonym; ssl:// and mqtts:// for TLS), tried in this order on every connect and"
      + " reconnect (failover).";

  public static final String VERSION_CONFIG = "mqtt.version";
  public static final String VERSION_AUTO = "auto";
  private static final String VERSION_DOC = "MQTT protocol version: 5, 3.1.1, 3.1, or auto (try 5,"
      + " then 3.1.1 when the server refuses 5 as unsupported).";

  public static final String CLIENT_ID_CONFIG = "mqtt.client.id";
  private static final String CLIENT_ID_DOC = "Prefix of the stable MQTT client ids; the source"
      + " connector appends -SLOT (e.g. plant-bridge-0; slot 0 reads retained messages as"
      + " plant-bridge-0-retained), the sink -sink-TASK. Empty: the connector name. Two connectors"
      + " must never share a prefix on one broker: they would take over each other's sessions.";

  public static final String USERNAME_CONFIG = "mqtt.username";
  private static final String USERNAME_DOC = "MQTT user name; empty for none.";

  public static final String PASSWORD_CONFIG = "mqtt.password";
  private static final String PASSWORD_DOC = "MQTT password; empty for none.";

  public static final String KEEPALIVE_CONFIG = "mqtt.keepalive.seconds";
  private static final String KEEPALIVE_DOC = "MQTT keep alive in seconds, 0 to 65535 (0: off).";

  private static final Set<String> PLAIN_SCHEMES = Set.of("tcp", "mqtt");
  private static final Set<String> TLS_SCHEMES = Set.of("ssl", "mqtts");
  private static final List<String> VERSIONS = List.of("5", "3.1.1", "3.1", VERSION_AUTO);

  private final List<URI> serverUris;
  private final List<MqttVersion> versions;
  private final String clientIdPrefix;
  private final String username;
  private final Password password;
  private final int keepAliveSeconds;
  private final MqttTlsSettings tls;

  /**
   * Reads the connection settings of a parsed config.
   *
   * @param config a config whose definition went through {@link #define(ConfigDef)}
   * @param connectorName the connector's name, the default client id prefix
   */
  public MqttConnectionConfig(AbstractConfig config, String connectorName) {
    this.serverUris = config.getList(SERVER_URIS_CONFIG).stream().map(URI::create).toList();
    String version = config.getString(VERSION_CONFIG);
    this.versions = version.equals(VERSION_AUTO)
        ? List.of(MqttVersion.V5, MqttVersion.V3_1_1)
        : List.of(MqttVersion.fromString(version));
    String prefix = config.getString(CLIENT_ID_CONFIG);
    this.clientIdPrefix = prefix.isEmpty() ? connectorName : prefix;
    String user = config.getString(USERNAME_CONFIG);
    this.username = user == null || user.isEmpty() ? null : user;
    Password secret = config.getPassword(PASSWORD_CONFIG);
    this.password = secret == null || secret.value().isEmpty() ? null : secret;
    this.keepAliveSeconds = config.getInt(KEEPALIVE_CONFIG);
    this.tls = new MqttTlsSettings(config);
  }

  /** Adds the shared keys to a side's definition. */
  public static ConfigDef define(ConfigDef def) {
    int order = 0;
    def.define(SERVER_URIS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new ServerUriValidator(),
        Importance.HIGH, SERVER_URIS_DOC, CONNECTION_GROUP, ++order, Width.LONG, "Server URIs");
    def.define(VERSION_CONFIG, Type.STRING, "5", ConfigDef.ValidString.in(VERSIONS.toArray(new String[0])),
        Importance.MEDIUM, VERSION_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "MQTT version");
    def.define(CLIENT_ID_CONFIG, Type.STRING, "", new ClientIdValidator(), Importance.HIGH,
        CLIENT_ID_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "Client id prefix");
    def.define(USERNAME_CONFIG, Type.STRING, "", Importance.MEDIUM, USERNAME_DOC,
        CONNECTION_GROUP, ++order, Width.MEDIUM, "User name");
    def.define(PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, PASSWORD_DOC,
        CONNECTION_GROUP, ++order, Width.MEDIUM, "Password");
    def.define(KEEPALIVE_CONFIG, Type.INT, 60, ConfigDef.Range.between(0, 65_535),
        Importance.LOW, KEEPALIVE_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
        "Keep alive (s)");

    return MqttTlsSettings.define(def);
  }

  /** The servers, in failover order. */
  public List<URI> serverUris() {
    return serverUris;
  }

  /** The versions to try, in order: one, or 5 then 3.1.1 for {@code auto}. */
  public List<MqttVersion> versions() {
    return versions;
  }

  /** The client id prefix (the connector name when not set). */
  public String clientIdPrefix() {
    return clientIdPrefix;
  }

  /** The user name, or null. */
  public String username() {
    return username;
  }

  /** The password, or null. */
  public Password password() {
    return password;
  }

  /** The keep alive in seconds. */
  public int keepAliveSeconds() {
    return keepAliveSeconds;
  }

  /** Whether a server URI asks for TLS ({@code ssl://}, {@code mqtts://}). */
  public boolean usesTls() {
    return serverUris.stream().anyMatch(uri -> TLS_SCHEMES.contains(scheme(uri)));
  }

  /** The {@code mqtt.ssl.*} settings. */
  MqttTlsSettings tls() {
    return tls;
  }

  /**
   * What keeps these settings from working, each on the key to change: TLS files missing, not
   * loadable or with a wrong password, TLS stores without a TLS server. Loads the TLS material as
   * the client will.
   */
  List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>(tls.problems());
    if (tls.anyStore() && !usesTls()) {
      problems.add(new ConfigProblem(SERVER_URIS_CONFIG, "mqtt.ssl.* stores are set but no server"
          + " URI uses TLS: use ssl:// or mqtts:// (the connection would not be encrypted)"));
    }
    if (problems.isEmpty() && usesTls()) {
      new MqttClientFactory(this).checkTlsMaterial().ifPresent(problems::add);
    }
    return problems;
  }

  /**
   * Fails when the settings cannot work with this client: see {@link #problems()}.
   *
   * @throws ConfigException naming the key and the problem
   */
  public void requireSupported() {
    List<ConfigProblem> problems = problems();
    if (!problems.isEmpty()) {
      throw problems.get(0).toException();
    }
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  /** Each entry a URI with a known scheme and a host. */
  static final class ServerUriValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> uris = (List<String>) value;
      if (uris == null || uris.isEmpty()) {
        throw new ConfigException(name, value, "At least one server URI is needed");
      }
      for (String text : uris) {
        URI uri;
        try {
          uri = new URI(text);
        } catch (URISyntaxException e) {
          throw new ConfigException(name, text, "Not a URI: " + e.getMessage());
        }
        String scheme = scheme(uri);
        if (!PLAIN_SCHEMES.contains(scheme) && !TLS_SCHEMES.contains(scheme)) {
          throw new ConfigException(name, text, "Scheme must be tcp, mqtt, ssl or mqtts");
        }
        if (uri.getHost() == null) {
          throw new ConfigException(name, text, "No host in the URI");
        }
      }
    }

    @Override
    public String toString() {
      return "list of tcp://host:port, mqtt://, ssl://, mqtts://";
    }
  }

  /** Client ids are UTF-8 strings without the characters brokers commonly refuse. */
  static final class ClientIdValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = (String) value;
      if (text != null && (text.contains("/") || text.contains("+") || text.contains("#")
          || text.chars().anyMatch(Character::isWhitespace))) {
        throw new ConfigException(name, value, "No whitespace, /, + or # in client ids");
      }
    }

    @Override
    public String toString() {
      return "text without whitespace, /, +, #";
    }
  }
}
