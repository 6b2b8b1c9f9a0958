package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MqttDecoderHandler} and {@link MqttEncoderHandler} in an {@link EmbeddedChannel}, as a
 * server pipeline: bytes in, packets out, packets in, bytes out. Every test ends with nothing left
 * in the channel and (through the extension) no leaked buffer.
 */
class MqttCodecHandlerTest extends CodecVectorTest {

  /** Stands in for the protocol handler: records the errors the decoder handler fires. */
  private static final class ErrorRecorder extends ChannelInboundHandlerAdapter {
    final List<Throwable> errors = new ArrayList<>();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors.add(cause);
    }
  }

  private final MqttDecoderHandler decoderHandler =
      new MqttDecoderHandler(MqttPacketDecoder.forServer(1024));
  private final MqttEncoderHandler encoderHandler = new MqttEncoderHandler();
  private final ErrorRecorder errors = new ErrorRecorder();
  private final EmbeddedChannel channel = new EmbeddedChannel(decoderHandler, encoderHandler, errors);

  private void receive(byte[] bytes) {
    channel.writeInbound(buffer(bytes));
  }

  private byte[] sent() {
    ByteBuf out = channel.readOutbound();
    assertThat(out).as("an outbound buffer").isNotNull();
    try {
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  @Test
  void connectSplitInTwoReads_thenConnackEncodedInTheLearnedVersion() {
    byte[] connect = minimalConnect(MqttVersion.V5);
    receive(java.util.Arrays.copyOfRange(connect, 0, 5));
    assertThat((Object) channel.readInbound()).isNull();
    receive(java.util.Arrays.copyOfRange(connect, 5, connect.length));

    ConnectPacket packet = channel.readInbound();
    assertThat(packet.version()).isEqualTo(MqttVersion.V5);
    encoderHandler.version(decoderHandler.decoder().version());
    channel.writeOutbound(
        new ConnackPacket(false, MqttReasonCode.SUCCESS, ConnackProperties.DEFAULTS));

    assertThat(sent()).containsExactly(0x20, 0x03, 0x00, 0x00, 0x00);
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void severalPacketsInOneRead_areEachDelivered() {
    byte[] connect = minimalConnect(MqttVersion.V3_1_1);
    byte[] publish = bytes(0x30, 0x04, 0x00, 0x01, 't', 'x');
    byte[] pingreq = bytes(0xC0, 0x00);
    ByteBuf in = Unpooled.directBuffer();
    in.writeBytes(connect).writeBytes(publish).writeBytes(pingreq);
    channel.writeInbound(in);

    assertThat((Object) channel.readInbound()).isInstanceOf(ConnectPacket.class);
    assertThat((Object) channel.readInbound()).isEqualTo(
        PublishPacket.of(MqttMessage.builder("t").payload(ascii("x")).build(), 0));
    assertThat((Object) channel.readInbound()).isEqualTo(PingreqPacket.INSTANCE);
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void malformedPacket_firesTheDecodeErrorAndDropsEverythingAfter() {
    ByteBuf in = Unpooled.directBuffer();
    in.writeBytes(minimalConnect(MqttVersion.V5));
    in.writeBytes(bytes(0x36, 0x03, 0x00, 0x01, 't')); // PUBLISH QoS 3: malformed
    in.writeBytes(bytes(0xC0, 0x00));                   // a PINGREQ that must not be decoded
    channel.writeInbound(in);
    receive(bytes(0xC0, 0x00));                         // nor anything received later

    assertThat((Object) channel.readInbound()).isInstanceOf(ConnectPacket.class);
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(errors.errors).singleElement()
        .isInstanceOfSatisfying(MqttDecodeException.class,
            e -> assertThat(e.reasonCode()).isEqualTo(MqttReasonCode.MALFORMED_PACKET));
    assertThat(decoderHandler.hasFailed()).isTrue();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void headerOfAHugePacket_isRefusedWithoutBufferingTheBody() {
    receive(minimalConnect(MqttVersion.V5));
    channel.readInbound();
    receive(bytes(0x30, 0x80, 0x80, 0x80, 0x32)); // PUBLISH of 100 MiB; body never sent
    receive(new byte[4096]);                     // the start of the body

    assertThat(errors.errors).singleElement()
        .isInstanceOfSatisfying(MqttDecodeException.class,
            e -> assertThat(e.reasonCode()).isEqualTo(MqttReasonCode.PACKET_TOO_LARGE));
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void firstPacketNotConnect_firesProtocolError() {
    receive(bytes(0xC0, 0x00));

    assertThat(errors.errors).singleElement()
        .isInstanceOfSatisfying(MqttDecodeException.class,
            e -> assertThat(e.reasonCode()).isEqualTo(MqttReasonCode.PROTOCOL_ERROR));
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void packetLargerThanThePeersMaximum_failsTheWriteAndSendsNothing() {
    encoderHandler.version(MqttVersion.V5);
    encoderHandler.maximumPacketSize(20);
    PublishPacket big = PublishPacket.of(
        MqttMessage.builder("t").payload(new byte[100]).build(), 0);

    ChannelFuture write = channel.writeOneOutbound(big);
    channel.flushOutbound();

    assertThat(write.cause()).isInstanceOf(MqttPacketTooLargeException.class);
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void writeBeforeTheVersionIsKnown_failsWithEncoderException() {
    ChannelFuture write = channel.writeOneOutbound(PingrespPacket.INSTANCE);
    channel.flushOutbound();

    assertThat(write.cause()).isInstanceOf(EncoderException.class)
        .hasMessageContaining("version");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void pingresp_v311_encodedAndFlushed() {
    encoderHandler.version(MqttVersion.V3_1_1);

    channel.writeOutbound(PingrespPacket.INSTANCE);

    assertThat(sent()).containsExactly(0xD0, 0x00);
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void bufferWrittenDirectly_passesThroughTheEncoder() {
    encoderHandler.version(MqttVersion.V3_1_1);

    channel.writeOutbound(buffer(bytes(0x01, 0x02)));

    assertThat(sent()).containsExactly(0x01, 0x02);
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void clientPipeline_decodesServerPacketsInItsVersion() {
    EmbeddedChannel client = new EmbeddedChannel(
        new MqttDecoderHandler(MqttPacketDecoder.forClient(MqttVersion.V3_1_1, 1024)),
        new MqttEncoderHandler(MqttPacketEncoder.of(MqttVersion.V3_1_1)));
    client.writeInbound(buffer(bytes(0x20, 0x02, 0x00, 0x00)));
    client.writeOutbound(PingreqPacket.INSTANCE);

    assertThat((Object) client.readInbound())
        .isEqualTo(new ConnackPacket(false, MqttReasonCode.SUCCESS, ConnackProperties.DEFAULTS));
    ByteBuf out = client.readOutbound();
    assertThat(ByteBufUtil.getBytes(out)).containsExactly(0xC0, 0x00);
    out.release();
    assertThat(client.finishAndReleaseAll()).isFalse();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void handlerNames_areStable() {
    assertThat(MqttDecoderHandler.NAME).isEqualTo("mqttDecoder");
    assertThat(MqttEncoderHandler.NAME).isEqualTo("mqttEncoder");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }
}
