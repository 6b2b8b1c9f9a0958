package dev.mqttbridge.kafka.connect.config;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttClient;
import dev.mqttbridge.mqtt.client.MqttClientBuilder;
import dev.mqttbridge.mqtt.client.MqttConnectException;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import java.io.UncheckedIOException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and connects the MQTT clients of both connectors from the shared connection settings:
 * servers, protocol version ({@code auto} tries 5, then 3.1.1 when the server refuses 5), client
 * id, keep alive, credentials and TLS. Each side adds its session settings (clean start, session
 * expiry, acknowledgement) and what it does with the built client.
 *
 * <p>Failures are sorted for Connect: a server that cannot be reached or refuses the connection is
 * worth retrying ({@link RetriableException}); TLS material that does not load, and a handshake
 * that fails over a certificate (ours or the server's), is a configuration problem no retry
 * fixes ({@link ConnectException}, which fails the task with the reason).
 */
public final class MqttClientFactory {

  private static final Logger LOG = LoggerFactory.getLogger(MqttClientFactory.class);

  /**
   * What a side does with a built, not yet connected client: typically register subscriptions,
   * connect and wait for CONNACK, and wrap the client in its session type.
   *
   * @param <T> the side's session type
   */
  @FunctionalInterface
  public interface SessionOpener<T> {
    /**
     * Opens the session.
     *
     * @throws CompletionException when connecting failed; its cause says why
     */
    T open(MqttClient client, MqttVersion version);
  }

  private final MqttConnectionConfig connection;
  private final MqttTlsConfig tls;

  /** A factory for clients with these settings. */
  public MqttClientFactory(MqttConnectionConfig connection) {
    this.connection = connection;
    this.tls = connection.usesTls() ? connection.tls().toClientConfig() : null;
  }

  /** A builder with the servers, one version, the client id, keep alive, credentials and TLS. */
  public MqttClientBuilder builder(MqttVersion version, String clientId) {
    MqttClientBuilder builder = MqttClient.builder()
        .serverUris(connection.serverUris())
        .version(version)
        .clientId(clientId)
        .keepAlive(connection.keepAliveSeconds())
        .username(connection.username())
        .password(connection.password() == null ? null : connection.password().value());
    return tls == null ? builder : builder.tls(tls);
  }

  /**
   * Builds a client for each configured version in turn, with the side's settings, and lets the
   * side open its session, until one connects. A client whose attempt fails is closed.
   *
   * @param clientId the MQTT client id
   * @param name how logs and errors call the client, e.g. {@code Slot 0 (plant-0)}
   * @param sideSettings the side's session settings
   * @param opener what the side does with the built client
   * @throws RetriableException when no server was reached or the server refused the connection
   * @throws ConnectException when TLS material does not load or a certificate was refused
   */
  public <T> T open(String clientId, String name, UnaryOperator<MqttClientBuilder> sideSettings,
      SessionOpener<T> opener) {
    List<MqttVersion> versions = connection.versions();
    for (int i = 0; i < versions.size(); i++) {
      MqttVersion version = versions.get(i);
      MqttClient client = build(sideSettings.apply(builder(version, clientId)), name);
      try {
        T session = opener.open(client, version);
        LOG.info("{} connected with MQTT {} to {}", name, version, connection.serverUris());
        return session;
      } catch (CompletionException e) {
        client.close();
        Throwable cause = e.getCause() == null ? e : e.getCause();
        boolean versionRefused = cause instanceof MqttConnectException refused
            && refused.reasonCode().orElse(null) == MqttReasonCode.UNSUPPORTED_PROTOCOL_VERSION;
        if (versionRefused && i + 1 < versions.size()) {
          LOG.info("{}: the server refused MQTT {}, trying {}", name, version, versions.get(i + 1));
          continue;
        }
        String message = name + " cannot connect to " + connection.serverUris() + ": "
            + cause.getMessage();
        if (isCertificateRefusal(cause)) {
          throw new ConnectException(message + ". Check mqtt.ssl.truststore.* (the CA that signed"
              + " the server's certificate), mqtt.ssl.keystore.* (the client certificate) and"
              + " mqtt.ssl.endpoint.identification.algorithm", cause);
        }
        // Unreachable or refused: worth retrying with back-off rather than failing for good.
        throw new RetriableException(message, cause);
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }
    throw new IllegalStateException("No MQTT version to try");
  }

  /**
   * Loads the TLS material as a client does, without connecting.
   *
   * @return the problem on the key to change, if the material does not load
   */
  Optional<ConfigProblem> checkTlsMaterial() {
    try {
      builder(connection.versions().get(0), "tls-check").build().close();
      return Optional.empty();
    } catch (UncheckedIOException e) {
      String message = e.getMessage();
      return Optional.of(new ConfigProblem(connection.tls().keyOf(message, isPasswordFailure(e)),
          "TLS material does not load: " + message));
    }
  }

  private MqttClient build(MqttClientBuilder builder, String name) {
    try {
      return builder.build();
    } catch (UncheckedIOException e) {
      throw new ConnectException(name + ": TLS material does not load: " + e.getMessage(), e);
    }
  }

  /**
   * Whether a connection failed because our side refused the server's certificate, or the server
   * refused ours: a configuration problem that retrying does not repair.
   */
  public static boolean isCertificateRefusal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return true; // untrusted, expired, or naming another host
      }
      if (t instanceof SSLException) {
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("certificate") || message.contains("unknown_ca")
            || message.contains("unknown ca")) {
          return true; // the server's alert: bad_certificate, certificate_required, unknown_ca
        }
      }
    }
    return false;
  }

  private static boolean isPasswordFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof UnrecoverableKeyException || message.contains("(wrong password?)")
          || message.contains("a password is needed")) {
        return true;
      }
    }
    return false;
  }
}
