package dev.mqttbridge.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import dev.mqttbridge.test.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code mqtt.ssl.*} keys through both connectors' validation, with real key material
 * generated at test time: what loads passes, and each mistake is reported on the key to change.
 */
class TlsValidationTest {

  private static final String PASSWORD = TestCertificates.PASSWORD;

  @TempDir
  static Path directory;

  private static TestCertificates certificates;
  /** Kafka's PEM key store layout: the certificate chain and the encrypted key in one file. */
  private static Path pemIdentity;

  @BeforeAll
  static void generate() throws Exception {
    certificates = TestCertificates.generate(directory.resolve("pki"));
    pemIdentity = directory.resolve("client-bundle.pem");
    Files.writeString(pemIdentity, Files.readString(certificates.clientCertificate())
        + Files.readString(certificates.clientKeyPkcs8Encrypted()));
  }

  private static Map<String, String> source() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "tls-source");
    props.put("mqtt.server.uris", "ssl://localhost:8883");
    props.put("mqtt.topics", "plant/#");
    props.put("kafka.topic", "telemetry");
    props.put("errors.topic", "mqtt.errors");
    return props;
  }

  private static Map<String, String> sink() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "tls-sink");
    props.put("topics", "commands");
    props.put("mqtt.server.uris", "mqtts://localhost:8883");
    props.put("mqtt.topic", "commands/{key}");
    return props;
  }

  private static Map<String, List<String>> sourceErrors(Map<String, String> props) {
    return errors(ConnectorValidation.source(props, new Config(
        MqttSourceConnectorConfig.CONFIG_DEF.validate(props))));
  }

  private static Map<String, List<String>> sinkErrors(Map<String, String> props) {
    return errors(ConnectorValidation.sink(props, new Config(
        MqttSinkConnectorConfig.CONFIG_DEF.validate(props))));
  }

  private static Map<String, List<String>> errors(Config config) {
    return config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  private static MqttTlsConfig clientTls(Map<String, String> props) {
    MqttConnectionConfig connection = new MqttSourceConnectorConfig(props).connection();
    return connection.tls().toClientConfig();
  }

  @Test
  void sslUriWithoutTrustSettings_isValid_andUsesTheJvmDefaultTrust() {
    assertThat(sourceErrors(source())).isEmpty();
    assertThat(sinkErrors(sink())).isEmpty();

    MqttTlsConfig tls = clientTls(source());
    assertThat(tls.trustStore()).isEmpty();
    assertThat(tls.trustedCertificates()).isEmpty();
    assertThat(tls.hostnameVerification()).isTrue();
    assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PKCS12", "JKS"})
  void storesWithTheirPasswords_areValid(String type) {
    Map<String, String> props = source();
    props.put("mqtt.ssl.truststore.location", (type.equals("JKS") ? certificates.trustStoreJks()
        : certificates.trustStorePkcs12()).toString());
    props.put("mqtt.ssl.truststore.password", PASSWORD);
    props.put("mqtt.ssl.truststore.type", type);
    props.put("mqtt.ssl.keystore.location", (type.equals("JKS") ? certificates.clientKeyStoreJks()
        : certificates.clientKeyStorePkcs12()).toString());
    props.put("mqtt.ssl.keystore.password", PASSWORD);
    props.put("mqtt.ssl.keystore.type", type);
    props.put("mqtt.ssl.key.password", PASSWORD);

    assertThat(sourceErrors(props)).isEmpty();
    MqttTlsConfig tls = clientTls(props);
    assertThat(tls.trustStore()).isPresent();
    assertThat(tls.keyStore()).isPresent();
    assertThat(tls.keyStorePassword()).isEqualTo(PASSWORD.toCharArray());
  }

  @Test
  void pemTrustAndPemIdentityFile_areValid_andMapToThePemSettings() {
    Map<String, String> props = sink();
    props.put("mqtt.ssl.truststore.location", certificates.caCertificate().toString());
    props.put("mqtt.ssl.truststore.type", "PEM");
    props.put("mqtt.ssl.keystore.location", pemIdentity.toString());
    props.put("mqtt.ssl.keystore.type", "pem");
    props.put("mqtt.ssl.key.password", PASSWORD);

    assertThat(sinkErrors(props)).isEmpty();
    MqttTlsConfig tls = new MqttSinkConnectorConfig(props).connection().tls().toClientConfig();
    assertThat(tls.trustedCertificates()).contains(certificates.caCertificate());
    assertThat(tls.certificateChain()).contains(pemIdentity);
    assertThat(tls.privateKey()).contains(pemIdentity);
    assertThat(tls.privateKeyPassword()).hasValueSatisfying(
        p -> assertThat(p).isEqualTo(PASSWORD.toCharArray()));
  }

  @Test
  void missingTrustStore_isReportedOnItsLocation() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.truststore.location", directory.resolve("nowhere.p12").toString());
    props.put("mqtt.ssl.truststore.password", PASSWORD);

    assertThat(sourceErrors(props)).containsOnlyKeys("mqtt.ssl.truststore.location");
    assertThat(sourceErrors(props).get("mqtt.ssl.truststore.location")).singleElement()
        .asString().startsWith("No such file").contains("nowhere.p12");
  }

  @Test
  void wrongTrustStorePassword_isReportedOnThePassword() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.truststore.location", certificates.trustStorePkcs12().toString());
    props.put("mqtt.ssl.truststore.password", "wrong");

    assertThat(sourceErrors(props)).containsOnlyKeys("mqtt.ssl.truststore.password");
    assertThat(sourceErrors(props).get("mqtt.ssl.truststore.password")).singleElement()
        .asString().contains("TLS material does not load").contains("truststore.p12");
  }

  @Test
  void wrongKeyStorePassword_isReportedOnThePassword() {
    Map<String, String> props = sink();
    props.put("mqtt.ssl.keystore.location", certificates.clientKeyStoreJks().toString());
    props.put("mqtt.ssl.keystore.password", "wrong");
    props.put("mqtt.ssl.keystore.type", "JKS");

    assertThat(sinkErrors(props)).containsOnlyKeys("mqtt.ssl.keystore.password");
  }

  @Test
  void wrongPemKeyPassword_isReportedOnTheKeyPassword() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.keystore.location", pemIdentity.toString());
    props.put("mqtt.ssl.keystore.type", "PEM");
    props.put("mqtt.ssl.key.password", "wrong");
    assertThat(sourceErrors(props)).containsOnlyKeys("mqtt.ssl.key.password");

    props.remove("mqtt.ssl.key.password");
    assertThat(sourceErrors(props).get("mqtt.ssl.key.password")).singleElement().asString()
        .contains("a password is needed");
  }

  @Test
  void pemKeyStoreWithoutItsKey_isReportedOnTheLocation() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.keystore.location", certificates.clientCertificate().toString());
    props.put("mqtt.ssl.keystore.type", "PEM");

    assertThat(sourceErrors(props)).containsOnlyKeys("mqtt.ssl.keystore.location");
  }

  @Test
  void notAStore_isReportedOnTheLocation() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.truststore.location", certificates.caCertificate().toString());
    props.put("mqtt.ssl.truststore.password", PASSWORD);
    props.put("mqtt.ssl.truststore.type", "PKCS12");

    assertThat(sourceErrors(props)).containsOnlyKeys("mqtt.ssl.truststore.location");
  }

  @Test
  void passwordsPemTakesNone_areRefused() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.truststore.location", certificates.caCertificate().toString());
    props.put("mqtt.ssl.truststore.type", "PEM");
    props.put("mqtt.ssl.truststore.password", PASSWORD);
    props.put("mqtt.ssl.keystore.location", pemIdentity.toString());
    props.put("mqtt.ssl.keystore.type", "PEM");
    props.put("mqtt.ssl.keystore.password", PASSWORD);

    assertThat(sourceErrors(props)).containsOnlyKeys(
        "mqtt.ssl.truststore.password", "mqtt.ssl.keystore.password");
  }

  @Test
  void keyPasswordOtherThanTheStoresPassword_isRefused() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.keystore.location", certificates.clientKeyStorePkcs12().toString());
    props.put("mqtt.ssl.keystore.password", PASSWORD);
    props.put("mqtt.ssl.key.password", "another");

    assertThat(sourceErrors(props).get("mqtt.ssl.key.password")).singleElement().asString()
        .contains("store's password");
  }

  @Test
  void storesWithoutATlsServer_areRefused() {
    Map<String, String> props = source();
    props.put("mqtt.server.uris", "tcp://localhost:1883");
    props.put("mqtt.ssl.truststore.location", certificates.trustStorePkcs12().toString());
    props.put("mqtt.ssl.truststore.password", PASSWORD);

    assertThat(sourceErrors(props).get("mqtt.server.uris")).singleElement().asString()
        .contains("no server URI uses TLS");
  }

  @Test
  void emptyEndpointIdentification_turnsHostnameVerificationOff_otherValuesAreRefused() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.endpoint.identification.algorithm", "");
    assertThat(sourceErrors(props)).isEmpty();
    assertThat(clientTls(props).hostnameVerification()).isFalse();

    props.put("mqtt.ssl.endpoint.identification.algorithm", "HTTPS");
    assertThat(sourceErrors(props)).isEmpty();
    assertThat(clientTls(props).hostnameVerification()).isTrue();

    props.put("mqtt.ssl.endpoint.identification.algorithm", "none");
    assertThat(sourceErrors(props)).containsOnlyKeys("mqtt.ssl.endpoint.identification.algorithm");
  }

  @Test
  void protocolTls12_pinsTls12() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.protocol", "TLSv1.2");

    assertThat(clientTls(props).protocols()).containsExactly("TLSv1.2");
  }

  @Test
  void requireSupported_failsWithTheKeyAndTheReason() {
    Map<String, String> props = source();
    props.put("mqtt.ssl.truststore.location", directory.resolve("gone.jks").toString());

    assertThatThrownBy(() -> new MqttSourceConnectorConfig(props).connection().requireSupported())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mqtt.ssl.truststore.location").hasMessageContaining("gone.jks");
  }
}
