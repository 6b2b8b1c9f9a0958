package dev.mqttbridge.kafka.connect.config;

import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The {@code mqtt.ssl.*} keys, named and meant as Kafka's own client {@code ssl.*} keys, and their
 * translation to the MQTT client's {@link MqttTlsConfig}. They apply to {@code ssl://} and
 * {@code mqtts://} servers.
 *
 * <ul>
 *   <li>Trust: a JKS or PKCS12 trust store with its password, or with type {@code PEM} a file of
 *       CA certificates (no password). No location: the JVM's default trusted CAs.
 *   <li>Client identity (mutual TLS): a JKS or PKCS12 key store whose key has the store's
 *       password, or with type {@code PEM} one file holding the certificate chain (leaf first) and
 *       the private key (PKCS#8, RSA PKCS#1 or EC SEC1, encrypted or not), which {@code mqtt.ssl.key.password}
 *       decrypts: Kafka's {@code ssl.keystore.type=PEM} file layout.
 *   <li>{@code mqtt.ssl.protocol}: {@code TLSv1.3} enables TLS 1.3 and 1.2, {@code TLSv1.2} only
 *       1.2, as Kafka's {@code ssl.protocol} does with its default enabled protocols.
 *   <li>{@code mqtt.ssl.endpoint.identification.algorithm}: {@code https} checks that the server's
 *       certificate names the host; empty turns that off (the client logs a warning).
 * </ul>
 */
public final class MqttTlsSettings {

  public static final String TLS_GROUP = "MQTT TLS";

  public static final String TRUSTSTORE_LOCATION_CONFIG = "mqtt.ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD_CONFIG = "mqtt.ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE_CONFIG = "mqtt.ssl.truststore.type";
  public static final String KEYSTORE_LOCATION_CONFIG = "mqtt.ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD_CONFIG = "mqtt.ssl.keystore.password";
  public static final String KEYSTORE_TYPE_CONFIG = "mqtt.ssl.keystore.type";
  public static final String KEY_PASSWORD_CONFIG = "mqtt.ssl.key.password";
  public static final String PROTOCOL_CONFIG = "mqtt.ssl.protocol";
  public static final String ENDPOINT_IDENTIFICATION_CONFIG =
      "mqtt.ssl.endpoint.identification.algorithm";

  static final String PEM = "PEM";
  private static final String[] STORE_TYPES = {"PKCS12", "JKS", PEM};

  private final String truststoreLocation;
  private final Password truststorePassword;
  private final String truststoreType;
  private final String keystoreLocation;
  private final Password keystorePassword;
  private final String keystoreType;
  private final Password keyPassword;
  private final String protocol;
  private final boolean hostnameVerification;

  /** Reads the keys of a parsed config whose definition went through {@link #define(ConfigDef)}. */
  MqttTlsSettings(AbstractConfig config) {
    this.truststoreLocation = blankToNull(config.getString(TRUSTSTORE_LOCATION_CONFIG));
    this.truststorePassword = emptyToNull(config.getPassword(TRUSTSTORE_PASSWORD_CONFIG));
    this.truststoreType = config.getString(TRUSTSTORE_TYPE_CONFIG);
    this.keystoreLocation = blankToNull(config.getString(KEYSTORE_LOCATION_CONFIG));
    this.keystorePassword = emptyToNull(config.getPassword(KEYSTORE_PASSWORD_CONFIG));
    this.keystoreType = config.getString(KEYSTORE_TYPE_CONFIG);
    this.keyPassword = emptyToNull(config.getPassword(KEY_PASSWORD_CONFIG));
    this.protocol = config.getString(PROTOCOL_CONFIG);
    String algorithm = config.getString(ENDPOINT_IDENTIFICATION_CONFIG);
    this.hostnameVerification = algorithm != null && !algorithm.isBlank();
  }

  /** Adds the TLS keys to a side's definition, in their own group. */
  static ConfigDef define(ConfigDef def) {
    int order = 0;
    def.define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM,
        "Trust store for verifying the servers' certificates: a JKS or PKCS12 file, or with"
            + " mqtt.ssl.truststore.type=PEM a file of CA certificates. Not set: the JVM's default"
            + " trusted CAs.",
        TLS_GROUP, ++order, Width.LONG, "Trust store location");
    def.define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
        "Trust store password (JKS, PKCS12); not used with PEM.", TLS_GROUP, ++order,
        Width.MEDIUM, "Trust store password");
    def.define(TRUSTSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", new StoreTypeValidator(),
        Importance.LOW, "Trust store format: PKCS12, JKS (both recognised from the file itself) or"
            + " PEM.",
        TLS_GROUP, ++order, Width.SHORT, "Trust store type");
    def.define(KEYSTORE_LOCATION_CONFIG, Type.STRING, null, Importance.MEDIUM,
        "Client identity for mutual TLS: a JKS or PKCS12 key store, or with"
            + " mqtt.ssl.keystore.type=PEM one file holding the certificate chain (leaf first) and"
            + " the private key (PKCS#8, RSA PKCS#1 or EC SEC1, encrypted or not). Not set: no client"
            + " certificate.",
        TLS_GROUP, ++order, Width.LONG, "Key store location");
    def.define(KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
        "Key store password (JKS, PKCS12); not used with PEM.", TLS_GROUP, ++order, Width.MEDIUM,
        "Key store password");
    def.define(KEYSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", new StoreTypeValidator(),
        Importance.LOW, "Key store format: PKCS12, JKS (both recognised from the file itself) or"
            + " PEM.",
        TLS_GROUP, ++order, Width.SHORT, "Key store type");
    def.define(KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
        "Password of the private key. PEM: decrypts an encrypted key. JKS, PKCS12: may be left"
            + " empty; when set it must be the key store's password (the key is read with it).",
        TLS_GROUP, ++order, Width.MEDIUM, "Key password");
    def.define(PROTOCOL_CONFIG, Type.STRING, "TLSv1.3",
        ConfigDef.ValidString.in("TLSv1.2", "TLSv1.3"), Importance.LOW,
        "Highest TLS version: TLSv1.3 also accepts TLS 1.2 servers; TLSv1.2 uses only TLS 1.2.",
        TLS_GROUP, ++order, Width.SHORT, "TLS protocol");
    def.define(ENDPOINT_IDENTIFICATION_CONFIG, Type.STRING, "https",
        new EndpointIdentificationValidator(), Importance.LOW,
        "https checks that the server certificate names the host of the server URI; empty turns"
            + " the check off (a warning is logged: any certificate of a trusted CA is accepted).",
        TLS_GROUP, ++order, Width.SHORT, "Endpoint identification");
    return def;
  }

  /** Whether a trust store or key store is configured. */
  boolean anyStore() {
    return truststoreLocation != null || keystoreLocation != null;
  }

  /** Whether the server certificate must name the host. */
  boolean hostnameVerification() {
    return hostnameVerification;
  }

  /**
   * The inconsistencies a single key's validator cannot see: files missing or unreadable, a
   * password where PEM takes none, a key password the client could not use. Loading the stores
   * (wrong passwords, broken files) is {@link MqttClientFactory#checkTlsMaterial()}'s job.
   */
  List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>();
    if (truststoreLocation != null) {
      fileProblem(TRUSTSTORE_LOCATION_CONFIG, truststoreLocation).ifPresent(problems::add);
      if (isPem(truststoreType) && truststorePassword != null) {
        problems.add(new ConfigProblem(TRUSTSTORE_PASSWORD_CONFIG, "A PEM trust store has no"
            + " password: leave " + TRUSTSTORE_PASSWORD_CONFIG + " empty"));
      }
    }
    if (keystoreLocation != null) {
      fileProblem(KEYSTORE_LOCATION_CONFIG, keystoreLocation).ifPresent(problems::add);
      if (isPem(keystoreType) && keystorePassword != null) {
        problems.add(new ConfigProblem(KEYSTORE_PASSWORD_CONFIG, "A PEM key store has no"
            + " password: set the private key's password as " + KEY_PASSWORD_CONFIG));
      }
      if (!isPem(keystoreType) && keyPassword != null
          && !keyPassword.value().equals(keystorePassword == null ? "" : keystorePassword.value())) {
        problems.add(new ConfigProblem(KEY_PASSWORD_CONFIG, "The key in a " + keystoreType
            + " key store is read with the store's password: leave " + KEY_PASSWORD_CONFIG
            + " empty or equal to " + KEYSTORE_PASSWORD_CONFIG + " (re-encrypt the key with"
            + " keytool -keypasswd otherwise)"));
      }
    }
    return problems;
  }

  /** The client's TLS settings; {@link #problems()} must be empty. */
  MqttTlsConfig toClientConfig() {
    MqttTlsConfig.Builder builder = MqttTlsConfig.builder()
        .hostnameVerification(hostnameVerification)
        .protocols(protocol.equals("TLSv1.2") ? List.of("TLSv1.2") : MqttTlsConfig.DEFAULT_PROTOCOLS);
    if (truststoreLocation != null) {
      Path file = Path.of(truststoreLocation);
      if (isPem(truststoreType)) {
        builder.trustedCertificates(file);
      } else {
        builder.trustStore(file, chars(truststorePassword));
      }
    }
    if (keystoreLocation != null) {
      Path file = Path.of(keystoreLocation);
      if (isPem(keystoreType)) {
        // One file holds both: the client takes the CERTIFICATE blocks and the key block from it.
        builder.clientCertificate(file, file, keyPassword == null ? null : chars(keyPassword));
      } else {
        builder.keyStore(file, chars(keystorePassword));
      }
    }
    return builder.build();
  }

  /**
   * The key to report a TLS loading error on: the store whose file the message names, its password
   * key when the password is what failed, else the server URIs.
   */
  String keyOf(String message, boolean passwordFailed) {
    if (keystoreLocation != null && message.contains(keystoreLocation)) {
      if (passwordFailed) {
        return isPem(keystoreType) ? KEY_PASSWORD_CONFIG : KEYSTORE_PASSWORD_CONFIG;
      }
      return KEYSTORE_LOCATION_CONFIG;
    }
    if (truststoreLocation != null && message.contains(truststoreLocation)) {
      return passwordFailed ? TRUSTSTORE_PASSWORD_CONFIG : TRUSTSTORE_LOCATION_CONFIG;
    }
    return MqttConnectionConfig.SERVER_URIS_CONFIG; // names no file: the TLS set-up as a whole
  }

  private static Optional<ConfigProblem> fileProblem(String key, String location) {
    Path file = Path.of(location);
    if (!Files.exists(file)) {
      return Optional.of(new ConfigProblem(key, "No such file: " + location));
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      return Optional.of(new ConfigProblem(key, "Not a readable file: " + location));
    }
    return Optional.empty();
  }

  private static boolean isPem(String type) {
    return PEM.equalsIgnoreCase(type);
  }

  private static char[] chars(Password password) {
    return password == null ? new char[0] : password.value().toCharArray();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static Password emptyToNull(Password password) {
    return password == null || password.value().isEmpty() ? null : password;
  }

  /** PKCS12, JKS or PEM, in any case, as Kafka accepts its store types. */
  static final class StoreTypeValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = (String) value;
      for (String type : STORE_TYPES) {
        if (type.equalsIgnoreCase(text)) {
          return;
        }
      }
      throw new ConfigException(name, value, "Must be PKCS12, JKS or PEM");
    }

    @Override
    public String toString() {
      return "[PKCS12, JKS, PEM]";
    }
  }

  /** https (any case) or empty, like Kafka's ssl.endpoint.identification.algorithm. */
  static final class EndpointIdentificationValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String text = (String) value;
      if (text != null && !text.isBlank() && !text.trim().equalsIgnoreCase("https")) {
        throw new ConfigException(name, value, "Must be https (check the host name) or empty (no"
            + " check)");
      }
    }

    @Override
    public String toString() {
      return "[https, \"\"]";
    }
  }
}
