package dev.mqttbridge.mqtt.internal.broker.netty;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.broker.BrokerCounters;
import dev.mqttbridge.mqtt.internal.broker.ClientConnection;
import dev.mqttbridge.mqtt.internal.codec.MqttEncoderHandler;
import dev.mqttbridge.mqtt.internal.codec.MqttPacketEncoder;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLPeerUnverifiedException;

/** A Netty channel as the broker core's {@link ClientConnection}. */
final class NettyClientConnection implements ClientConnection {

  static final String IDLE_NAME = "mqtt-broker-idle";

  private final Channel channel;
  private final MqttEncoderHandler encoder;
  private final BrokerCounters counters;
  private final ReadThrottle throttle;
  private final EventLoopWriter writer;
  /** Measures PUBLISH packets against the client's Maximum Packet Size; stateless. */
  private volatile MqttPacketEncoder sizer;
  private volatile long clientMaximumPacketSize;

  NettyClientConnection(Channel channel, MqttEncoderHandler encoder, BrokerCounters counters,
      ReadThrottle throttle) {
    this.channel = channel;
    this.encoder = encoder;
    this.counters = counters;
    this.throttle = throttle;
    this.writer = new EventLoopWriter(channel);
  }

  @Override
  public String remoteAddress() {
    return String.valueOf(channel.remoteAddress());
  }

  @Override
  public String certificateSubject() {
    SslHandler tls = channel.pipeline().get(SslHandler.class);
    if (tls == null) {
      return null;
    }
    try {
      Certificate[] chain = tls.engine().getSession().getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf
          ? leaf.getSubjectX500Principal().getName() : null;
    } catch (SSLPeerUnverifiedException noCertificate) {
      return null;
    }
  }

  @Override
  public boolean send(MqttPacket packet) {
    long maximum = clientMaximumPacketSize;
    if (packet instanceof PublishPacket publish) {
      if (maximum > 0 && sizer.encodedSize(packet) > maximum) {
        counters.messageDropped();
        return false;
      }
      // Topic, payload and a few header bytes; properties are rare and small.
      int estimatedBytes = publish.message().payloadSize() + publish.message().topic().length()
          + 8;
      if (publish.message().qos() == MqttQos.AT_MOST_ONCE && !hasRoomFor(estimatedBytes)) {
        // A slow reader (outbound buffer over outboundBufferBytes): QoS 1 and 2 are bounded by
        // its Receive Maximum, QoS 0 would pile up without limit, so it is dropped (QoS 0
        // promises at most once).
        counters.messageDropped();
        return false;
      }
      counters.messageSent();
      writer.write(packet, estimatedBytes);
      return true;
    }
    writer.write(packet, 0);
    return true;
  }

  /** The outbound buffer stays below its high water mark with what waits to get into it. */
  private boolean hasRoomFor(int bytes) {
    return channel.isWritable() && writer.queuedBytes() + bytes <= channel.bytesBeforeUnwritable();
  }

  @Override
  public Runnable holdReading() {
    onEventLoop(throttle::hold);
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        onEventLoop(throttle::release);
      }
    };
  }

  private void onEventLoop(Runnable task) {
    try {
      channel.eventLoop().execute(task);
    } catch (RejectedExecutionException stopping) {
      // The broker is stopping: the connection goes with it, reading or not.
    }
  }

  @Override
  public void sendAndClose(MqttPacket packet) {
    writer.writeAndClose(packet);
  }

  @Override
  public void close() {
    writer.close();
  }

  @Override
  public void connected(MqttVersion version, int keepAliveSeconds, long clientMaximumPacketSize) {
    this.sizer = MqttPacketEncoder.of(version);
    this.clientMaximumPacketSize = clientMaximumPacketSize;
    channel.eventLoop().execute(() -> {
      if (clientMaximumPacketSize > 0) {
        encoder.maximumPacketSize(clientMaximumPacketSize); // a safety net for other packets
      }
      if (channel.pipeline().get(IDLE_NAME) == null) {
        return;
      }
      if (keepAliveSeconds == 0) {
        channel.pipeline().remove(IDLE_NAME);
      } else {
        // One and a half times the keep alive without any packet [MQTT-3.1.2-24].
        channel.pipeline().replace(IDLE_NAME, IDLE_NAME,
            new IdleStateHandler(keepAliveSeconds * 1500L, 0, 0, TimeUnit.MILLISECONDS));
      }
    });
  }
}
