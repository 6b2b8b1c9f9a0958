package dev.mqttbridge.mqtt.internal.broker.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventLoopWriterTest {

  @Test
  void writes_reachTheChannelOnlyWhenTheLoopRuns_inOrder_flushed() {
    EmbeddedChannel channel = new EmbeddedChannel();
    EventLoopWriter writer = new EventLoopWriter(channel);

    writer.write("a", 0);
    writer.write("b", 300);
    writer.write("c", 0);
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(writer.queuedBytes()).isEqualTo(300);

    channel.runPendingTasks();

    assertThat(outbound(channel)).containsExactly("a", "b", "c");
    assertThat(writer.queuedBytes()).isZero();
  }

  @Test
  void moreThanOneBatch_allWrittenInOrder() {
    EmbeddedChannel channel = new EmbeddedChannel();
    EventLoopWriter writer = new EventLoopWriter(channel);
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      writer.write(i, 10);
      expected.add(i);
    }

    channel.runPendingTasks();

    assertThat(outbound(channel)).containsExactlyElementsOf(expected);
    assertThat(writer.queuedBytes()).isZero();
  }

  @Test
  void writeAndClose_afterEarlierWrites_laterWritesNotSent() {
    EmbeddedChannel channel = new EmbeddedChannel();
    EventLoopWriter writer = new EventLoopWriter(channel);

    writer.write("first", 0);
    writer.writeAndClose("last");
    writer.write("too late", 0);
    channel.runPendingTasks();

    assertThat(outbound(channel)).containsExactly("first", "last");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void close_afterEarlierWrites() {
    EmbeddedChannel channel = new EmbeddedChannel();
    EventLoopWriter writer = new EventLoopWriter(channel);

    writer.write("first", 0);
    writer.close();
    assertThat(channel.isOpen()).isTrue();
    channel.runPendingTasks();

    assertThat(outbound(channel)).containsExactly("first");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void eventLoopStopped_everyWriteDiscardedAndReleased_noneKeptQueued() {
    EventLoop stopped = new DefaultEventLoop();
    stopped.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    AtomicReference<EventLoop> replaced = new AtomicReference<>();
    EmbeddedChannel channel = new EmbeddedChannel() {
      @Override
      public EventLoop eventLoop() {
        EventLoop loop = replaced.get(); // null while the channel registers itself
        return loop == null ? super.eventLoop() : loop;
      }
    };
    replaced.set(stopped); // refuses every task, as a broker's loops do once stopped
    EventLoopWriter writer = new EventLoopWriter(channel);
    ByteBuf first = Unpooled.buffer().writeZero(100);
    ByteBuf second = Unpooled.buffer().writeZero(100);
    ByteBuf last = Unpooled.buffer().writeZero(10);

    writer.write(first, 100);
    writer.write(second, 100); // a stuck "scheduled" flag would leave this one queued for ever
    writer.writeAndClose(last);

    assertThat(writer.queuedBytes()).isZero();
    assertThat(first.refCnt()).isZero();
    assertThat(second.refCnt()).isZero();
    assertThat(last.refCnt()).isZero();
  }

  private static List<Object> outbound(EmbeddedChannel channel) {
    List<Object> messages = new ArrayList<>();
    for (Object message = channel.readOutbound(); message != null;
        message = channel.readOutbound()) {
      messages.add(message);
    }
    return messages;
  }
}
