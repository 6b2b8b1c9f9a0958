/**
 * The MQTT 3.1, 3.1.1 and 5.0 wire codec on Netty buffers.
 *
 * <p>Inbound: {@link dev.mqttbridge.mqtt.internal.codec.MqttPacketDecoder} owns the fixed header
 * (packet type, reserved flags, remaining length, maximum packet size) and hands the body to the
 * codec of its packet type ({@code ConnectCodec}, {@code PublishCodec}, ...), which read MQTT data
 * types through {@code WireReader}, {@code VariableByteInteger} and {@code PropertyCodec}. Every
 * protocol violation is an {@link dev.mqttbridge.mqtt.internal.codec.MqttDecodeException}
 * carrying the reason code to answer with.
 *
 * <p>Outbound: {@link dev.mqttbridge.mqtt.internal.codec.MqttPacketEncoder} asks the same codecs
 * to measure a packet, allocates one buffer of exactly that size, and has them write it.
 *
 * <p>{@link dev.mqttbridge.mqtt.internal.codec.MqttDecoderHandler} and {@link
 * dev.mqttbridge.mqtt.internal.codec.MqttEncoderHandler} put both in a Netty pipeline.
 */
package dev.mqttbridge.mqtt.internal.codec;
