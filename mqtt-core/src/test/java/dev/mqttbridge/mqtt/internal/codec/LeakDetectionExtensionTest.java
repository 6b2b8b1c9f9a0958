package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class LeakDetectionExtensionTest {

  @Test
  void releasedBuffer_noLeakReported() {
    ByteBuf buffer = Unpooled.buffer(8);
    buffer.writeLong(42);
    buffer.release();

    assertThatCode(() -> LeakDetectionExtension.checkForLeaks(5)).doesNotThrowAnyException();
  }

  @Test
  void bufferNeverReleased_checkFailsWithTheLeakRecord() {
    leakOneBuffer();

    // Claims the report itself, so the extension's own check after this test passes.
    assertThatThrownBy(() -> LeakDetectionExtension.checkForLeaks(100))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 buffer leak(s) reported")
        .hasMessageContaining("leakOneBuffer");
  }

  /** Allocates in its own frame so that nothing keeps the buffer reachable afterwards. */
  private static void leakOneBuffer() {
    ByteBuf leaked = Unpooled.directBuffer(64);
    leaked.writeInt(0xDEAD);
  }
}
