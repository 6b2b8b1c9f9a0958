package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.codec.MqttDecoderHandler;
import dev.mqttbridge.mqtt.internal.codec.MqttEncoderHandler;
import dev.mqttbridge.mqtt.internal.codec.MqttPacketDecoder;
import dev.mqttbridge.mqtt.internal.codec.MqttPacketEncoder;
import io.netty.channel.ChannelPipeline;

/**
 * The order of a client connection's pipeline, from the socket inwards: byte counts, codec, keep
 * alive (sees every write), connect (owns the CONNACK), incoming QoS, subscribe, outgoing QoS.
 * Each handler consumes the packets of its concern and passes the rest on.
 */
final class ClientPipeline {

  private ClientPipeline() {}

  static void addCodec(ChannelPipeline pipeline, MqttVersion version, int maximumPacketSize,
      int topicAliasMaximum) {
    MqttPacketDecoder decoder = MqttPacketDecoder.forClient(version, maximumPacketSize);
    if (version.isMqtt5()) {
      decoder.topicAliasMaximum(topicAliasMaximum);
    }
    pipeline.addLast(MqttDecoderHandler.NAME, new MqttDecoderHandler(decoder));
    pipeline.addLast(MqttEncoderHandler.NAME, new MqttEncoderHandler(new MqttPacketEncoder(version)));
  }
}
