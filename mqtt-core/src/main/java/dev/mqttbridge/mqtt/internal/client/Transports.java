package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.client.MqttClientOptions;
import dev.mqttbridge.mqtt.internal.tls.ClientSslContexts;
import dev.mqttbridge.mqtt.tls.MqttTlsConfig;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transports of one client, by URI scheme. TLS key material is loaded once, when the client is
 * built, so a missing file or wrong password fails {@code build()} rather than every reconnect.
 */
final class Transports {

  private static final Logger LOG = LoggerFactory.getLogger(Transports.class);
  private static final List<String> TLS_SCHEMES = List.of("ssl", "mqtts", "tls", "wss");

  private final TlsTransport tls;
  private final WebSocketTransport webSocket;
  private final WebSocketTransport secureWebSocket;

  Transports(MqttClientOptions options) {
    this.tls = options.serverUris().stream().anyMatch(Transports::isTls) ? tls(options) : null;
    this.webSocket = new WebSocketTransport(null, options.webSocketHeaders(), options.connectTimeout(),
        options.maximumPacketSize());
    this.secureWebSocket = tls == null ? null : new WebSocketTransport(tls, options.webSocketHeaders(),
        options.connectTimeout(), options.maximumPacketSize());
  }

  private static TlsTransport tls(MqttClientOptions options) {
    MqttTlsConfig config = options.tls().orElse(MqttTlsConfig.defaults());
    if (!config.hostnameVerification()) {
      LOG.warn("TLS hostname verification is OFF for {}: any certificate a trusted CA signed is"
          + " accepted, whatever host it names", options.serverUris());
    }
    try {
      SslContext context = ClientSslContexts.create(config);
      return new TlsTransport(context, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** The transport for a URI the builder accepted. */
  MqttTransport forUri(URI uri) {
    return switch (scheme(uri)) {
      case "ws" -> webSocket;
      case "wss" -> secureWebSocket;
      case "ssl", "mqtts", "tls" -> tls;
      default -> TcpTransport.INSTANCE;
    };
  }

  private static boolean isTls(URI uri) {
    return TLS_SCHEMES.contains(scheme(uri));
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
  }
}
