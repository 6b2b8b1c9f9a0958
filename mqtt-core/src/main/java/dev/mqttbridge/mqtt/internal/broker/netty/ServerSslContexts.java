package dev.mqttbridge.mqtt.internal.broker.netty;

import dev.mqttbridge.mqtt.broker.ListenerTls;
import dev.mqttbridge.mqtt.internal.tls.KeyMaterial;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import javax.net.ssl.KeyManagerFactory;

/** Builds a listener's server-side {@link SslContext} with the shared key material loaders. */
final class ServerSslContexts {

  private ServerSslContexts() {}

  static SslContext create(ListenerTls tls) throws IOException {
    KeyManagerFactory identity = tls.keyStore().isPresent()
        ? KeyMaterial.identityStore(tls.keyStore().get(), tls.keyStorePassword())
        : KeyMaterial.identityPem(tls.certificateChain().get(), tls.privateKey().get(), null);
    SslContextBuilder builder = SslContextBuilder.forServer(identity)
        .protocols("TLSv1.3", "TLSv1.2");
    if (tls.clientCa().isPresent()) {
      builder.trustManager(KeyMaterial.trustPem(tls.clientCa().get()))
          .clientAuth(tls.clientCertificateRequired() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
    }
    return builder.build();
  }
}
