package dev.mqttbridge.mqtt.internal.client;

import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.codec.MqttDecoderHandler;
import dev.mqttbridge.mqtt.internal.codec.MqttEncoderHandler;
import dev.mqttbridge.mqtt.internal.codec.MqttPacketDecoder;
import dev.mqttbridge.mqtt.internal.codec.MqttPacketEncoder;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * The order of a client connection's pipeline, from the socket inwards: flush consolidation (in
 * front of any TLS or WebSocket handlers), byte counts, codec, keep
 * alive (sees every write), connect (owns the CONNACK), incoming QoS, subscribe, outgoing QoS.
 * Each handler consumes the packets of its concern and passes the rest on.
 */
final class ClientPipeline {

  static final String FLUSH_CONSOLIDATION = "flush-consolidation";
  /** Flushes merged at most, so that a long burst still reaches the socket in pieces. */
  private static final int MAXIMUM_CONSOLIDATED_FLUSHES = 256;

  private ClientPipeline() {}

  /**
   * Merges the flushes made while a read is in progress into one socket write at its end: the
   * PUBACKs, PUBRELs and the publishes that the acknowledgements of one read made room for. Flushes
   * outside a read go out at once (deferring them costs a task each; publishes from the
   * application are already handed over in bursts).
   */
  static void consolidateFlushes(ChannelPipeline pipeline) {
    pipeline.addFirst(FLUSH_CONSOLIDATION,
        new FlushConsolidationHandler(MAXIMUM_CONSOLIDATED_FLUSHES, false));
  }

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
