package dev.mqttbridge.mqtt.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.client.MqttConnectException;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectHandlerTest {

  private static final String LONG_ID = "a-client-id-of-thirty-characters";

  private final List<Object> events = new ArrayList<>();
  private Throwable closeCause;
  private MqttReasonCode closeServerReason;
  private boolean closed;

  private final ConnectionListener listener = new ConnectionListener() {
    @Override
    public void connected(Channel channel, ConnectionSettings settings) {
      events.add("connected");
    }

    @Override
    public void closed(Channel channel, Throwable cause, MqttReasonCode serverReason,
        boolean wasConnected) {
      closed = true;
      closeCause = cause;
      closeServerReason = serverReason;
    }
  };

  private EmbeddedChannel channel(MqttVersion version, String clientId) {
    ConnectPacket connect = new ConnectPacket(version, clientId, true, 30, "user",
        "secret".getBytes(), null, ConnectProperties.DEFAULTS);
    EmbeddedChannel channel = new EmbeddedChannel(
        new ConnectHandler(connect, Duration.ofSeconds(5), listener),
        new ChannelInboundHandlerAdapter() {
          @Override
          public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
          }
        });
    assertThat(channel.<Object>readOutbound()).isEqualTo(connect);
    return channel;
  }

  @Test
  void connackSuccess_announcesSettingsToPipeline_thenTellsClient() {
    EmbeddedChannel channel = channel(MqttVersion.V5, "");
    ConnackProperties props = new ConnackProperties(-1, 20, dev.mqttbridge.mqtt.MqttQos.AT_LEAST_ONCE,
        true, 0, "assigned-1", 0, null, List.of(), true, true, true, -1, null, null, null, null);
    channel.writeInbound(new ConnackPacket(false, MqttReasonCode.SUCCESS, props));
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOfSatisfying(ConnectionSettings.class, s -> {
      assertThat(s.clientId()).isEqualTo("assigned-1");
      assertThat(s.serverReceiveMaximum()).isEqualTo(20);
      assertThat(s.keepAliveSeconds()).isEqualTo(30);
    });
    assertThat(events.get(1)).isEqualTo("connected");
  }

  @Test
  void connackClientIdNotValid_longId_failsNamingTheCause() {
    EmbeddedChannel channel = channel(MqttVersion.V3_1_1, LONG_ID);
    channel.writeInbound(new ConnackPacket(false, MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
        ConnackProperties.DEFAULTS));
    assertThat(closed).isTrue();
    assertThat(closeCause).isInstanceOf(MqttConnectException.class)
        .hasMessageContaining("CLIENT_IDENTIFIER_NOT_VALID")
        .hasMessageContaining(LONG_ID)
        .hasMessageContaining("32 characters")
        .hasMessageContaining("1 to 23");
    assertThat(((MqttConnectException) closeCause).reasonCode())
        .contains(MqttReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
  }

  @Test
  void badCredentials_messageNeverShowsPassword() {
    EmbeddedChannel channel = channel(MqttVersion.V5, "c");
    channel.writeInbound(new ConnackPacket(false, MqttReasonCode.BAD_USER_NAME_OR_PASSWORD,
        ConnackProperties.DEFAULTS));
    assertThat(closeCause).hasMessageContaining("bad user name or password")
        .hasMessageNotContaining("secret");
  }

  @Test
  void packetBeforeConnack_isProtocolError() {
    EmbeddedChannel channel = channel(MqttVersion.V5, "c");
    channel.writeInbound(PubackPacket.of(1));
    assertThat(closed).isTrue();
    assertThat(closeCause).hasMessageContaining("Expected CONNACK");
  }

  @Test
  void serverDisconnectSessionTakenOver_reportedToClient() {
    EmbeddedChannel channel = channel(MqttVersion.V5, "c");
    channel.writeInbound(
        new ConnackPacket(false, MqttReasonCode.SUCCESS, ConnackProperties.DEFAULTS));
    channel.writeInbound(DisconnectPacket.of(MqttReasonCode.SESSION_TAKEN_OVER));
    assertThat(closed).isTrue();
    assertThat(closeServerReason).isEqualTo(MqttReasonCode.SESSION_TAKEN_OVER);
  }

  @Test
  void closedBeforeConnack_failsConnect() {
    EmbeddedChannel channel = channel(MqttVersion.V5, "c");
    channel.close();
    assertThat(closeCause).isInstanceOf(MqttConnectException.class)
        .hasMessageContaining("before CONNACK");
  }
}
