package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PingHandlerTest {

  private long now = 1_000;
  private EmbeddedChannel channel;
  private PingHandler handler;
  private ChannelHandlerContext ctx;

  @BeforeEach
  void connect() {
    handler = new PingHandler(() -> now);
    channel = new EmbeddedChannel(handler);
    ctx = channel.pipeline().context(handler);
    ConnackProperties props = new ConnackProperties(-1, 10, MqttQos.EXACTLY_ONCE, true, 0, null, 0,
        null, List.of(), true, true, true, 10, null, null, null, null);
    channel.pipeline().fireUserEventTriggered(ConnectionSettings.of(
        new ConnackPacket(false, MqttReasonCode.SUCCESS, props), "c", 60, true));
  }

  private void advanceSeconds(int seconds) {
    now += TimeUnit.SECONDS.toNanos(seconds);
    handler.tick(ctx);
  }

  @Test
  void nothingWrittenForKeepAlive_sendsPingreq_serverKeepAliveWins() {
    advanceSeconds(9);
    assertThat(channel.<Object>readOutbound()).isNull();
    advanceSeconds(1);
    assertThat(channel.<Object>readOutbound()).isEqualTo(PingreqPacket.INSTANCE);
  }

  @Test
  void pingrespInTime_keepsConnection() {
    advanceSeconds(10);
    channel.writeInbound(PingrespPacket.INSTANCE);
    advanceSeconds(10);
    assertThat(channel.isActive()).isTrue();
    assertThat(channel.<Object>readInbound()).as("PINGRESP consumed").isNull();
  }

  @Test
  void noPingresp_closesAsDeadLink() {
    advanceSeconds(10);
    advanceSeconds(10);
    assertThat(channel.isActive()).isFalse();
  }

  @Test
  void readsPausedForFlowControl_noPingresp_doesNotTripDeadLink() {
    channel.config().setAutoRead(false);
    advanceSeconds(10);
    advanceSeconds(10);
    assertThat(channel.isActive()).isTrue();
    channel.readOutbound();
    advanceSeconds(10);
    assertThat(channel.<Object>readOutbound()).as("pings go on").isEqualTo(PingreqPacket.INSTANCE);
  }
}
