package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSocketTransportTest {

  private static String upgradeRequest(String uri, Map<String, String> headers) {
    WebSocketTransport transport = new WebSocketTransport(null, headers, Duration.ofSeconds(5), 1024);
    EmbeddedChannel channel = new EmbeddedChannel();
    transport.initChannel(channel, URI.create(uri));
    channel.pipeline().fireChannelActive();
    StringBuilder request = new StringBuilder();
    for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
      request.append(out.toString(StandardCharsets.US_ASCII));
      out.release();
    }
    channel.finishAndReleaseAll();
    return request.toString();
  }

  @Test
  void upgrade_asksForSubprotocolMqttOnTheUriPath_withCustomHeaders() {
    String request = upgradeRequest("ws://broker.example:8080/ws/mqtt?tenant=7", Map.of("X-Token", "abc"));

    assertThat(request).startsWith("GET /ws/mqtt?tenant=7 HTTP/1.1")
        .containsIgnoringCase("sec-websocket-protocol: mqtt")
        .containsIgnoringCase("upgrade: websocket")
        .containsIgnoringCase("x-token: abc");
  }

  @Test
  void upgrade_uriWithoutPath_usesSlashMqtt() {
    assertThat(upgradeRequest("ws://broker.example", Map.of())).startsWith("GET /mqtt HTTP/1.1");
  }

  @Test
  void remoteAddress_defaultPorts_80ForWs() {
    WebSocketTransport transport = new WebSocketTransport(null, Map.of(), Duration.ofSeconds(5), 1024);

    assertThat(transport.remoteAddress(URI.create("ws://h")).getPort()).isEqualTo(80);
    assertThat(transport.remoteAddress(URI.create("ws://h:9001")).getPort()).isEqualTo(9001);
  }
}
